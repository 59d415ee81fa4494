package dev.voicebot.dialer.web;

import dev.voicebot.dialer.call.IdempotencyConflictException;
import dev.voicebot.dialer.call.LogSafe;
import dev.voicebot.dialer.campaign.CampaignService;
import dev.voicebot.dialer.exotel.ExotelApiException;
import dev.voicebot.dialer.exotel.ExotelNotConfiguredException;
import dev.voicebot.dialer.phone.InvalidPhoneNumberException;
import dev.voicebot.dialer.rate.RateLimitExceededException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Every error the API answers is an RFC 9457 problem ({@code application/problem+json}) whose
 * {@code detail} says what went wrong (Exotel's own message when Exotel refused) and whose {@code
 * error} names the case for programs. Ahead of Spring Boot's problem-details handler, so that the
 * cases both know (an upload over the size limit) keep this {@code error} code.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(InvalidPhoneNumberException.class)
    ResponseEntity<ProblemDetail> invalidNumber(InvalidPhoneNumberException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid_phone_number", e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
    }

    @ExceptionHandler(CampaignService.NoDialableRowsException.class)
    ResponseEntity<ProblemDetail> noRows(CampaignService.NoDialableRowsException e) {
        ResponseEntity<ProblemDetail> response = problem(HttpStatus.BAD_REQUEST, "no_dialable_rows", e.getMessage());
        response.getBody().setProperty("invalid_rows", e.errors());
        return response;
    }

    @ExceptionHandler(BodyTooLargeException.class)
    ResponseEntity<ProblemDetail> bodyTooLarge(BodyTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "body_too_large", e.getMessage());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> uploadTooLarge(MaxUploadSizeExceededException e) {
        return problem(
                HttpStatus.CONTENT_TOO_LARGE,
                "body_too_large",
                "the upload is larger than the dialer accepts (DIALER_MAX_CSV_SIZE)");
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e) {
        Throwable cause = e.getRootCause() != null ? e.getRootCause() : e;
        return problem(
                HttpStatus.BAD_REQUEST,
                "invalid_request",
                "the multipart body could not be read: " + cause.getMessage());
    }

    /** The container's message quotes the parameter's value, which may be a phone number: not repeated. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "invalid_request",
                "a form or query parameter could not be decoded: send UTF-8 with valid %-escapes");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    ResponseEntity<ProblemDetail> idempotencyConflict(IdempotencyConflictException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency_key_reused", e.getMessage());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not_found", e.getMessage());
    }

    @ExceptionHandler(RateLimitExceededException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitExceededException e) {
        ResponseEntity<ProblemDetail> response = problem(
                HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "over the account's Connect rate: " + e.getMessage());
        return withRetryAfter(response, e.retryAfterSeconds());
    }

    @ExceptionHandler(ExotelNotConfiguredException.class)
    ResponseEntity<ProblemDetail> notConfigured(ExotelNotConfiguredException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "exotel_not_configured", e.getMessage());
    }

    @ExceptionHandler(ExotelApiException.class)
    ResponseEntity<ProblemDetail> exotel(ExotelApiException e) {
        HttpStatus status =
                switch (e.kind()) {
                    case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
                    case RATE_LIMITED -> HttpStatus.SERVICE_UNAVAILABLE;
                    default -> HttpStatus.BAD_GATEWAY;
                };
        String code =
                switch (e.kind()) {
                    case TIMEOUT, CONNECTION_LOST, BAD_RESPONSE -> "exotel_outcome_unknown";
                    case RATE_LIMITED -> "exotel_rate_limited";
                    case UNREACHABLE -> "exotel_unreachable";
                    case SERVER_ERROR -> "exotel_error";
                    default -> "exotel_rejected";
                };
        ResponseEntity<ProblemDetail> response = problem(status, code, e.getMessage());
        ProblemDetail body = response.getBody();
        if (e.httpStatus() > 0) {
            body.setProperty("exotel_status", e.httpStatus());
        }
        if (e.exotelCode() != null) {
            body.setProperty("exotel_code", e.exotelCode());
        }
        if (e.exotelMessage() != null) {
            body.setProperty("exotel_message", e.exotelMessage());
        }
        if (e.kind() == ExotelApiException.Kind.RATE_LIMITED) {
            long seconds = e.retryAfter() != null ? Math.max(1, e.retryAfter().toSeconds()) : 5;
            return withRetryAfter(response, seconds);
        }
        return response;
    }

    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<ProblemDetail> unavailable(IllegalStateException e) {
        log.error("request failed: {}", LogSafe.maskNumbers(e.getMessage()), e);
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", e.getMessage());
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("error", code);
        return ResponseEntity.status(status).body(problem);
    }

    private static ResponseEntity<ProblemDetail> withRetryAfter(ResponseEntity<ProblemDetail> response, long seconds) {
        return ResponseEntity.status(response.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                .body(response.getBody());
    }
}
