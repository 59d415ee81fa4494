package dev.voicebot.dialer.web;

import dev.voicebot.dialer.campaign.CampaignOptions;
import dev.voicebot.dialer.campaign.CampaignService;
import dev.voicebot.dialer.campaign.CampaignView;
import dev.voicebot.dialer.phone.PhoneNumbers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Campaigns: a CSV of numbers and variables, dialed at the campaign's concurrency and pace within
 * calling hours, busy and unanswered numbers retried. Settings come as form fields (multipart) or
 * query parameters (raw CSV body).
 */
@RestController
@Tag(name = "campaigns", description = "Bulk outbound calls from a CSV")
public class CampaignController {

    private static final String CREATE_DESCRIPTION = "The CSV's header names a phone_number column (or phone, number,"
            + " mobile, msisdn, to); every other column becomes a variable for the bot. Bad rows are listed in"
            + " invalid_rows with their line and reason; the good rows are dialed. Unset settings take the"
            + " configured defaults; calls_per_minute is capped at the account's Connect rate.";

    private final CampaignService campaigns;
    private final int maxCsvBytes;

    /** @param maxCsvSize the largest CSV, uploaded or sent as the body (DIALER_MAX_CSV_SIZE) */
    public CampaignController(
            CampaignService campaigns, @Value("${spring.servlet.multipart.max-file-size:20MB}") DataSize maxCsvSize) {
        this.campaigns = campaigns;
        this.maxCsvBytes = (int) Math.min(Integer.MAX_VALUE - 1, maxCsvSize.toBytes());
    }

    @PostMapping(
            path = "/campaigns",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Start a campaign from an uploaded CSV (multipart field 'file')",
            description = CREATE_DESCRIPTION)
    public ResponseEntity<CampaignView> createFromUpload(
            @RequestPart("file") MultipartFile file,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "mode", required = false) String mode,
            @RequestParam(name = "concurrency", required = false) Integer concurrency,
            @RequestParam(name = "calls_per_minute", required = false) Double callsPerMinute,
            @RequestParam(name = "max_attempts", required = false) Integer maxAttempts,
            @RequestParam(name = "retry_delay_seconds", required = false) Long retryDelaySeconds,
            @Parameter(description = "HH:mm-HH:mm, e.g. 09:00-21:00")
                    @RequestParam(name = "calling_hours", required = false)
                    String callingHours,
            @Parameter(description = "e.g. Asia/Kolkata") @RequestParam(name = "time_zone", required = false)
                    String timeZone,
            @RequestParam(name = "time_limit_seconds", required = false) Integer timeLimitSeconds,
            @RequestParam(name = "record", required = false) Boolean record,
            @RequestParam(name = "caller_id", required = false) String callerId,
            @RequestParam(name = "flow_app_id", required = false) String flowAppId)
            throws IOException {
        String csv = new String(file.getBytes(), StandardCharsets.UTF_8);
        return create(
                csv,
                options(
                        name,
                        mode,
                        concurrency,
                        callsPerMinute,
                        maxAttempts,
                        retryDelaySeconds,
                        callingHours,
                        timeZone,
                        timeLimitSeconds,
                        record,
                        callerId,
                        flowAppId));
    }

    @PostMapping(
            path = "/campaigns",
            consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE, MediaType.APPLICATION_OCTET_STREAM_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Start a campaign from a CSV request body; settings as query parameters",
            description = CREATE_DESCRIPTION)
    public ResponseEntity<CampaignView> createFromBody(
            HttpServletRequest request,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "mode", required = false) String mode,
            @RequestParam(name = "concurrency", required = false) Integer concurrency,
            @RequestParam(name = "calls_per_minute", required = false) Double callsPerMinute,
            @RequestParam(name = "max_attempts", required = false) Integer maxAttempts,
            @RequestParam(name = "retry_delay_seconds", required = false) Long retryDelaySeconds,
            @RequestParam(name = "calling_hours", required = false) String callingHours,
            @RequestParam(name = "time_zone", required = false) String timeZone,
            @RequestParam(name = "time_limit_seconds", required = false) Integer timeLimitSeconds,
            @RequestParam(name = "record", required = false) Boolean record,
            @RequestParam(name = "caller_id", required = false) String callerId,
            @RequestParam(name = "flow_app_id", required = false) String flowAppId) {
        return create(
                new String(RequestBodies.read(request, maxCsvBytes), StandardCharsets.UTF_8),
                options(
                        name,
                        mode,
                        concurrency,
                        callsPerMinute,
                        maxAttempts,
                        retryDelaySeconds,
                        callingHours,
                        timeZone,
                        timeLimitSeconds,
                        record,
                        callerId,
                        flowAppId));
    }

    @GetMapping(path = "/campaigns", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "All campaigns with their progress")
    public List<CampaignView> list() {
        return campaigns.list();
    }

    @GetMapping(path = "/campaigns/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A campaign's progress; rows=true adds every row's state")
    public CampaignView campaign(
            @PathVariable String id, @RequestParam(name = "rows", defaultValue = "false") boolean rows) {
        return campaigns.find(id, rows).orElseThrow(() -> notFound(id));
    }

    @PostMapping(path = "/campaigns/{id}/pause", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Stop starting new calls; calls in progress continue")
    public CampaignView pause(@PathVariable String id) {
        return after(campaigns.pause(id), id);
    }

    @PostMapping(path = "/campaigns/{id}/resume", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Resume a paused campaign")
    public CampaignView resume(@PathVariable String id) {
        return after(campaigns.resume(id), id);
    }

    @PostMapping(path = "/campaigns/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel: numbers not yet called are never called")
    public CampaignView cancel(@PathVariable String id) {
        return after(campaigns.cancel(id), id);
    }

    private ResponseEntity<CampaignView> create(String csv, CampaignOptions options) {
        CampaignView created = campaigns.create(csv, options).campaign();
        return ResponseEntity.created(URI.create("/campaigns/" + created.campaignId()))
                .body(created);
    }

    private CampaignView after(boolean found, String id) {
        if (!found) {
            throw notFound(id);
        }
        return campaigns.find(id, false).orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("no campaign " + id);
    }

    private static CampaignOptions options(
            String name,
            String mode,
            Integer concurrency,
            Double callsPerMinute,
            Integer maxAttempts,
            Long retryDelaySeconds,
            String callingHours,
            String timeZone,
            Integer timeLimitSeconds,
            Boolean record,
            String callerId,
            String flowAppId) {
        return new CampaignOptions(
                name,
                blankToNull(mode),
                concurrency,
                callsPerMinute,
                maxAttempts,
                retryDelaySeconds,
                blankToNull(callingHours),
                blankToNull(timeZone),
                timeLimitSeconds,
                record,
                blankToNull(callerId) == null ? null : PhoneNumbers.toE164(callerId),
                blankToNull(flowAppId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
