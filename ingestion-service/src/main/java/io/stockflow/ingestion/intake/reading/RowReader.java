package io.stockflow.ingestion.intake.reading;

import io.stockflow.common.web.FieldViolation;
import tools.jackson.databind.json.JsonMapper;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.List;

/** Reads a request body row by row, without holding more than one row in memory. */
public interface RowReader extends Closeable {

    /**
     * Reads RFC 4180 CSV with a header row.
     *
     * @param maxRowBytes the longest record; a longer one is refused as {@code row_too_large}
     * @throws UnreadableBodyException when the header is wrong, missing or too long, or the body cannot be read
     */
    static RowReader csv(InputStream body, int maxRowBytes) {
        return new CsvRowReader(body, maxRowBytes);
    }

    /**
     * Reads a JSON array of line objects.
     *
     * @param maxRowBytes the longest element; a longer one is refused as {@code row_too_large}
     * @throws UnreadableBodyException when the body is empty, not an array, or cannot be read
     */
    static RowReader jsonArray(InputStream body, JsonMapper mapper, int maxRowBytes) {
        return new JsonArrayRowReader(body, mapper, maxRowBytes);
    }

    /**
     * The row that stands for one longer than the limit: refused, with the first bytes of its text only.
     *
     * @param end where the over-long row was taken to end, for the message
     */
    static ParsedRow tooLarge(long row, String prefix, int maxRowBytes, String end) {
        return ParsedRow.invalid(row, () -> prefix, null, List.of(FieldViolation.of(null, "row_too_large",
                "the row is longer than the limit of " + maxRowBytes + " bytes (it was taken to end at "
                        + end + "); only its first " + BoundedRowStream.PREFIX_BYTES + " bytes are kept")
                .atRow(row)));
    }

    /**
     * @return the next row (its line without defaults), or null at the end of the body
     * @throws UnreadableBodyException when the body cannot be read on
     */
    ParsedRow next();

    /** The body's format as reported and dead-lettered: {@code csv} or {@code json}. */
    String format();

    /** The CSV header line, kept with dead-lettered rows (a CSV row means nothing without it); null for JSON. */
    default String headerLine() {
        return null;
    }

    /** Thrown by the body stream when the request exceeds its size limit. */
    final class BodyTooLargeException extends IOException {
        public BodyTooLargeException(String message) {
            super(message);
        }
    }

    /** Classifies an I/O failure while reading row {@code row}. */
    static UnreadableBodyException unreadable(long row, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException tooLarge) {
                return new UnreadableBodyException(row, FieldViolation.of(null, "payload_too_large",
                        tooLarge.getMessage()).atRow(row), true, failure);
            }
            if (t instanceof CharacterCodingException) {
                return new UnreadableBodyException(row, FieldViolation.of(null, "not_utf8",
                        "the body is not valid UTF-8 (at row " + row + ")").atRow(row), false, failure);
            }
        }
        return new UnreadableBodyException(row, FieldViolation.of(null, "unreadable_body",
                "the body could not be read at row " + row + ": " + failure.getMessage()).atRow(row), false, failure);
    }

    static InputStream skipUtf8Bom(InputStream in) throws IOException {
        java.io.PushbackInputStream pushback = new java.io.PushbackInputStream(in, 3);
        byte[] head = pushback.readNBytes(3);
        boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
                && (head[2] & 0xFF) == 0xBF;
        if (!bom) {
            pushback.unread(head);
        }
        return pushback;
    }
}
