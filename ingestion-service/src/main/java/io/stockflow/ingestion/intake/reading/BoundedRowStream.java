package io.stockflow.ingestion.intake.reading;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Passes a body's bytes on to its parser, row by row, and never lets a row longer than the cap through: such a
 * row is replaced by a short marker row (its first {@value #PREFIX_BYTES} bytes and a tag the reader recognises),
 * so the parser only ever holds rows of at most {@code maxRowBytes} and the body reads on after the row. Rows are
 * found on the bytes (UTF-8 never uses an ASCII byte inside a multi-byte character): CSV records (RFC 4180 quote
 * rules) or the elements of a JSON array. Memory is one buffer of {@code maxRowBytes} plus 64 KiB, reused.
 */
abstract class BoundedRowStream extends InputStream {

    /** How much of an over-long row is kept, for the refused row's original text. */
    static final int PREFIX_BYTES = 1024;
    /** Tags the marker that stands for an over-long row; it opens a value no valid row can have. */
    static final String MARK = "\uE000row_too_large\uE000";

    private static final int CHUNK = 64 * 1024;
    /** What the format's scanner says of a byte. */
    static final boolean IN = true;
    static final boolean OUT = false;

    private final InputStream in;
    private final int maxRowBytes;
    private final byte[] buf;
    private int out;          // next byte to hand on
    private int ready;        // bytes [out, ready) may be handed on
    private int pos;          // next byte to scan
    private int limit;        // end of the bytes read
    private boolean open;     // a row is open, from rowStart
    private int rowStart;
    private boolean skipping; // the open row went over the cap: its bytes are dropped up to its end
    private byte[] marker;    // the marker of a dropped row, handed on before the bytes from markerThen
    private int markerPos;
    private int markerThen;
    private boolean eof;
    private String skippedPrefix; // the first bytes of the row being skipped
    private long rowsOpened;
    private boolean firstRowTooLarge;
    private final byte[] one = new byte[1];

    BoundedRowStream(InputStream in, int maxRowBytes) {
        if (maxRowBytes < 1) {
            throw new IllegalArgumentException("the row size limit must be positive");
        }
        this.in = in;
        this.maxRowBytes = maxRowBytes;
        this.buf = new byte[maxRowBytes + 1 + CHUNK];
    }

    /** CSV records: a record over the cap ends at the next line break (see {@link Csv}). */
    static BoundedRowStream csv(InputStream in, int maxRowBytes) {
        return new Csv(in, maxRowBytes);
    }

    /** The elements of a top-level JSON array: an element over the cap is skipped to its end, structure-aware. */
    static BoundedRowStream jsonArray(InputStream in, int maxRowBytes) {
        return new JsonArray(in, maxRowBytes);
    }

    /** Whether the first row of the body (a CSV header) was over the cap. */
    boolean firstRowTooLarge() {
        return firstRowTooLarge;
    }

    /**
     * Classifies the next byte (at index {@code at} of the buffer), updating the scanner's state.
     *
     * @return {@link #IN} when the byte belongs to a row (opening one if none is open), {@link #OUT} when it lies
     * between rows (closing the open one)
     */
    abstract boolean scan(byte b, int at, boolean skipping);

    /**
     * Called when the open row, from {@code rowStart}, goes over the cap at {@code at}.
     *
     * @return where scanning starts again with the dropped row ended before it (a line break within the bytes
     * still held), or -1 to drop the bytes up to the row's end as {@link #scan} finds it
     */
    int resyncWithin(int rowStart, int at) {
        return -1;
    }

    /**
     * The hot path: skips, from {@code from} to at most {@code to}, the bytes of the open row that cannot change
     * the scanner's state (most of them), so they are not classified one by one.
     *
     * @return the first byte to classify
     */
    int plainRun(byte[] bytes, int from, int to, boolean skipping) {
        return from;
    }

    /** The marker that replaces a dropped row in the stream, built from the row's first bytes. */
    abstract byte[] marker(String prefix);

    /** Indices kept by the scanner in buffer coordinates move by {@code shift} when the buffer is compacted. */
    void shifted(int shift) {
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (out < ready) {
                int n = Math.min(len, ready - out);
                System.arraycopy(buf, out, b, off, n);
                out += n;
                return n;
            }
            if (marker != null) {
                int n = Math.min(len, marker.length - markerPos);
                System.arraycopy(marker, markerPos, b, off, n);
                markerPos += n;
                if (markerPos == marker.length) {
                    marker = null;
                    out = ready = pos = markerThen;
                }
                return n;
            }
            if (pos < limit) {
                scanAvailable();
                continue;
            }
            if (eof) {
                return -1;
            }
            fill();
        }
    }

    /** Scans the bytes read so far, up to the end of a dropped row (whose marker then goes first). */
    private void scanAvailable() {
        while (pos < limit) {
            int at = pos++;
            boolean inRow = scan(buf[at], at, skipping);
            if (inRow) {
                if (!open) {
                    open = true;
                    rowStart = at;
                    rowsOpened++;
                }
                if (!skipping && at - rowStart + 1 > maxRowBytes) {
                    firstRowTooLarge |= rowsOpened == 1;
                    int resync = resyncWithin(rowStart, at);
                    String prefix = new String(buf, rowStart, Math.min(PREFIX_BYTES,
                            (resync >= 0 ? resync : at) - rowStart), StandardCharsets.UTF_8);
                    if (resync >= 0) {
                        drop(prefix, resync);
                        return;
                    }
                    skipping = true;
                    ready = rowStart;
                    skippedPrefix = prefix;
                }
            } else {
                if (skipping) {
                    endSkipping(at);
                    return;
                }
                open = false;
            }
            if (!open) {
                ready = pos;
            } else if (skipping) {
                pos = plainRun(buf, pos, limit, true);
            } else {
                ready = rowStart;
                pos = plainRun(buf, pos, Math.min(limit, rowStart + maxRowBytes), false); // the cap's byte is classified
            }
        }
    }

    private void endSkipping(int then) {
        skipping = false;
        drop(skippedPrefix, then);
        skippedPrefix = null;
    }

    /** Ends the open row before {@code then}: what was ready goes first, then the marker, then the bytes from then. */
    private void drop(String prefix, int then) {
        open = false;
        ready = Math.min(ready, rowStart);
        marker = marker(prefix);
        markerPos = 0;
        markerThen = then;
        pos = then;
    }

    private void fill() throws IOException {
        if (skipping && out == ready) {
            out = ready = rowStart = pos; // the dropped row's bytes are never handed on
        }
        int shift = out;
        if (shift > 0) {
            System.arraycopy(buf, shift, buf, 0, limit - shift);
            limit -= shift;
            pos -= shift;
            ready -= shift;
            rowStart -= shift;
            out = 0;
            shifted(shift);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            if (skipping) {
                endSkipping(limit);
            } else {
                ready = limit; // a last row without its terminator
                open = false;
            }
        } else {
            limit += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * RFC 4180 records: a quote opens a quoted field only as a field's first byte; inside one, {@code ""} is a
     * quote and line breaks belong to the field. Over the cap, a record ends at a line break whatever the quotes
     * say: the first line break after the quote that opened the still open field when there is one in the bytes
     * held (a stray quote then costs one row, and the rows after it are read again as rows), else the next line
     * break in the body. A quoted field longer than the cap with line breaks in it thus leaves its later lines as
     * rows of their own (refused, as a rule).
     */
    static final class Csv extends BoundedRowStream {

        private static final int FIELD_START = 0;
        private static final int UNQUOTED = 1;
        private static final int QUOTED = 2;
        private static final int QUOTE_IN_QUOTED = 3;

        private int state = FIELD_START;
        private int quoteAt = -1;

        Csv(InputStream in, int maxRowBytes) {
            super(in, maxRowBytes);
        }

        @Override
        boolean scan(byte b, int at, boolean skipping) {
            boolean lineBreak = b == '\n' || b == '\r';
            if (skipping) {
                if (lineBreak) {
                    state = FIELD_START;
                    return OUT;
                }
                return IN;
            }
            switch (state) {
                case QUOTED -> {
                    if (b == '"') {
                        state = QUOTE_IN_QUOTED;
                    }
                    return IN;
                }
                case QUOTE_IN_QUOTED -> {
                    if (b == '"') {
                        state = QUOTED;
                        return IN;
                    }
                }
                default -> {
                    if (state == FIELD_START && b == '"') {
                        state = QUOTED;
                        quoteAt = at;
                        return IN;
                    }
                }
            }
            if (lineBreak) {
                state = FIELD_START;
                return OUT;
            }
            state = b == ',' ? FIELD_START : UNQUOTED;
            return IN;
        }

        @Override
        int plainRun(byte[] bytes, int from, int to, boolean skipping) {
            int i = from;
            if (skipping) {
                while (i < to && bytes[i] != '\n' && bytes[i] != '\r') {
                    i++;
                }
            } else if (state == UNQUOTED) {
                while (i < to && bytes[i] != ',' && bytes[i] != '\n' && bytes[i] != '\r') {
                    i++;
                }
            } else if (state == QUOTED) {
                while (i < to && bytes[i] != '"') {
                    i++;
                }
            }
            return i;
        }

        @Override
        int resyncWithin(int rowStart, int at) {
            if (state == QUOTED && quoteAt >= rowStart) {
                byte[] bytes = bytes();
                for (int i = quoteAt + 1; i <= at; i++) {
                    if (bytes[i] == '\n' || bytes[i] == '\r') {
                        state = FIELD_START;
                        return i;
                    }
                }
            }
            return -1;
        }

        @Override
        void shifted(int shift) {
            quoteAt -= shift;
        }

        @Override
        byte[] marker(String prefix) {
            state = FIELD_START;
            return ("\"" + MARK + "\",\"" + prefix.replace("\"", "\"\"") + "\"").getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * The elements of a top-level JSON array, found by tracking strings (with their escapes) and nesting; anything
     * else (a body that is not an array, what follows its end) is handed on as it is, for the parser to refuse.
     */
    static final class JsonArray extends BoundedRowStream {

        private static final int BEFORE = 0;
        private static final int IN_ARRAY = 1;
        private static final int AFTER = 2;

        private int phase = BEFORE;
        private int depth;
        private boolean inElement;
        private boolean inString;
        private boolean escaped;

        JsonArray(InputStream in, int maxRowBytes) {
            super(in, maxRowBytes);
        }

        @Override
        boolean scan(byte b, int at, boolean skipping) {
            if (phase == BEFORE) {
                if (!whitespace(b)) {
                    phase = b == '[' ? IN_ARRAY : AFTER;
                    depth = 1;
                }
                return OUT;
            }
            if (phase == AFTER) {
                return OUT;
            }
            if (!inElement) {
                if (whitespace(b) || b == ',') {
                    return OUT;
                }
                if (b == ']') {
                    phase = AFTER;
                    return OUT;
                }
                inElement = true;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
                return IN;
            }
            switch (b) {
                case '"' -> inString = true;
                case '[', '{' -> depth++;
                case ']', '}' -> {
                    if (depth == 1) {
                        inElement = false;
                        phase = AFTER;
                        return OUT;
                    }
                    depth--;
                }
                case ',' -> {
                    if (depth == 1) {
                        inElement = false;
                        return OUT;
                    }
                }
                default -> {
                }
            }
            return IN;
        }

        @Override
        int plainRun(byte[] bytes, int from, int to, boolean skipping) {
            int i = from;
            if (phase != IN_ARRAY || !inElement || escaped) {
                return i;
            }
            if (inString) {
                while (i < to && bytes[i] != '"' && bytes[i] != '\\') {
                    i++;
                }
            } else {
                while (i < to) {
                    byte b = bytes[i];
                    if (b == '"' || b == ',' || b == '[' || b == ']' || b == '{' || b == '}') {
                        break;
                    }
                    i++;
                }
            }
            return i;
        }

        private static boolean whitespace(byte b) {
            return b == ' ' || b == '\n' || b == '\r' || b == '\t';
        }

        @Override
        byte[] marker(String prefix) {
            StringBuilder json = new StringBuilder(prefix.length() + MARK.length() + 16).append('"').append(MARK);
            for (int i = 0; i < prefix.length(); i++) {
                char c = prefix.charAt(i);
                switch (c) {
                    case '"' -> json.append("\\\"");
                    case '\\' -> json.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            json.append(String.format("\\u%04x", (int) c));
                        } else {
                            json.append(c);
                        }
                    }
                }
            }
            return json.append('"').toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The buffer, for a scanner looking back at the bytes of the open row. */
    byte[] bytes() {
        return buf;
    }
}
