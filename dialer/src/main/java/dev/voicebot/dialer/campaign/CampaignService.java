package dev.voicebot.dialer.campaign;

import dev.voicebot.dialer.config.DialerProperties;
import dev.voicebot.dialer.exotel.ConnectMode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates campaigns from CSV and reports their progress; the {@link CampaignRunner} dials them. */
public class CampaignService {

    private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CampaignRunner runner;
    private final DialerProperties.Campaigns defaults;
    private final String defaultMode;
    private final double accountCallsPerMinute;
    private final Clock clock;

    public CampaignService(
            CampaignRunner runner,
            DialerProperties.Campaigns defaults,
            String defaultMode,
            double accountCallsPerMinute,
            Clock clock) {
        this.runner = runner;
        this.defaults = defaults;
        this.defaultMode = defaultMode;
        this.accountCallsPerMinute = accountCallsPerMinute;
        this.clock = clock;
    }

    /** The campaign's id and the CSV's row errors; the good rows start dialing. */
    public record Created(CampaignView campaign, int rowsToDial) {}

    /**
     * @throws IllegalArgumentException for unusable settings, an unusable CSV, or one without any
     *     row that can be dialed (the message lists the row errors)
     */
    public Created create(String csv, CampaignOptions options) {
        CampaignSettings settings = settings(options);
        List<CampaignCsv.Row> parsed = CampaignCsv.parse(csv, defaults.maxRows());
        long good = parsed.stream().filter(CampaignCsv.Row::valid).count();
        if (good == 0) {
            throw new NoDialableRowsException(parsed.stream()
                    .map(row -> new CampaignView.RowError(row.line(), row.error()))
                    .toList());
        }
        Instant now = clock.instant();
        String id = newId();
        List<CampaignRow> rows = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            CampaignCsv.Row row = parsed.get(i);
            rows.add(
                    row.valid()
                            ? CampaignRow.pending(id, i, row.line(), row.phoneNumber(), row.variables(), now)
                            : CampaignRow.invalid(id, i, row.line(), row.phoneNumber(), row.error(), now));
        }
        String name = options.name() == null || options.name().isBlank()
                ? id
                : options.name().strip();
        CampaignHeader header =
                new CampaignHeader(id, name, now, settings, rows.size(), CampaignStatus.RUNNING, null, now);
        runner.add(header, rows);
        log.info(
                "campaign {} created: {} rows to dial, {} invalid, {} calls a minute, {} at once, hours {} {}",
                id,
                good,
                rows.size() - good,
                settings.callsPerMinute(),
                settings.concurrency(),
                settings.callingHours(),
                settings.timeZone());
        return new Created(runner.view(id, c -> view(c, false)).orElseThrow(), (int) good);
    }

    public Optional<CampaignView> find(String id, boolean withRows) {
        return runner.view(id, campaign -> view(campaign, withRows));
    }

    public List<CampaignView> list() {
        return runner.viewAll(campaign -> view(campaign, false));
    }

    public boolean pause(String id) {
        return runner.pause(id);
    }

    public boolean resume(String id) {
        return runner.resume(id);
    }

    public boolean cancel(String id) {
        return runner.cancel(id);
    }

    private CampaignSettings settings(CampaignOptions options) {
        String mode = options.mode() != null
                ? ConnectMode.fromWire(options.mode()).wire()
                : ConnectMode.fromWire(defaultMode).wire();
        double rate = options.callsPerMinute() != null ? options.callsPerMinute() : accountCallsPerMinute;
        return new CampaignSettings(
                mode,
                options.concurrency() != null ? options.concurrency() : defaults.concurrency(),
                Math.min(rate, accountCallsPerMinute),
                options.maxAttempts() != null ? options.maxAttempts() : defaults.maxAttempts(),
                options.retryDelaySeconds() != null
                        ? options.retryDelaySeconds()
                        : defaults.retryDelay().toSeconds(),
                options.callingHours() != null ? options.callingHours() : defaults.callingHours(),
                options.timeZone() != null ? options.timeZone() : defaults.timeZone(),
                options.timeLimitSeconds(),
                options.record(),
                options.callerId(),
                options.flowAppId());
    }

    private CampaignView view(Campaign campaign, boolean withRows) {
        CampaignHeader header = campaign.header;
        Instant now = clock.instant();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<CampaignView.RowError> invalid = new ArrayList<>();
        List<CampaignView.RowView> rows = withRows ? new ArrayList<>() : null;
        int attempts = 0;
        for (CampaignRow row : campaign.rows) {
            attempts += row.attempts();
            if (row.state() == RowState.DONE) {
                outcomes.merge(row.outcome(), 1, Integer::sum);
            }
            if (row.state() == RowState.INVALID) {
                invalid.add(new CampaignView.RowError(row.line(), row.error()));
            }
            if (rows != null) {
                rows.add(new CampaignView.RowView(
                        row.line(),
                        row.phoneNumber(),
                        row.state().name().toLowerCase(Locale.ROOT),
                        row.attempts(),
                        row.lastStatus(),
                        row.outcome(),
                        row.callSid(),
                        row.state() == RowState.PENDING ? row.nextAttemptAt() : null,
                        row.error()));
            }
        }
        boolean open = campaign.hours.isOpen(now);
        return new CampaignView(
                header.id(),
                header.name(),
                header.status().name().toLowerCase(Locale.ROOT),
                header.statusReason(),
                header.createdAt(),
                header.settings(),
                open,
                open ? null : campaign.hours.nextOpening(now),
                new CampaignView.Progress(
                        campaign.rows.length,
                        campaign.count(RowState.PENDING),
                        campaign.count(RowState.DIALING),
                        campaign.count(RowState.IN_CALL),
                        campaign.count(RowState.DONE),
                        campaign.count(RowState.INVALID),
                        attempts),
                outcomes,
                invalid,
                rows);
    }

    private static String newId() {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        return "cmp_" + HexFormat.of().formatHex(random);
    }

    /** The CSV had no row that can be dialed. */
    public static class NoDialableRowsException extends IllegalArgumentException {

        private final List<CampaignView.RowError> errors;

        public NoDialableRowsException(List<CampaignView.RowError> errors) {
            super("the CSV has no row that can be dialed");
            this.errors = List.copyOf(errors);
        }

        public List<CampaignView.RowError> errors() {
            return errors;
        }
    }
}
