package io.stockflow.ingestion.intake.reading;

import io.stockflow.common.pos.PosTransaction;
import io.stockflow.common.web.FieldViolation;
import io.stockflow.common.web.JsonErrors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads POS lines from a JSON array of line objects, one element at a time. Malformed JSON stops the read at
 * the element where it occurs; an element of the wrong shape is a rejected row, and so is one longer than
 * {@code maxRowBytes}, which never reaches the parser ({@link BoundedRowStream}).
 */
class JsonArrayRowReader implements RowReader {

    private final JsonMapper mapper;
    private final JsonParser parser;
    private final int maxRowBytes;
    private long row;

    JsonArrayRowReader(InputStream body, JsonMapper mapper, int maxRowBytes) {
        this.mapper = mapper;
        this.maxRowBytes = maxRowBytes;
        try {
            this.parser = mapper.createParser(BoundedRowStream.jsonArray(RowReader.skipUtf8Bom(body), maxRowBytes));
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new UnreadableBodyException(0, FieldViolation.of(null, "empty_body",
                        "the body is empty: expected a JSON array of transaction lines"), false, null);
            }
            if (first != JsonToken.START_ARRAY) {
                throw new UnreadableBodyException(0, FieldViolation.of(null, "not_an_array",
                        "expected a JSON array of transaction lines"), false, null);
            }
        } catch (IOException e) {
            throw RowReader.unreadable(0, e);
        } catch (JacksonException e) {
            throw malformed(0, e);
        }
    }

    @Override
    public String format() {
        return "json";
    }

    @Override
    public ParsedRow next() {
        long current = row + 1;
        try {
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                if (parser.nextToken() != null) {
                    throw new UnreadableBodyException(current, FieldViolation.of(null, "malformed_json",
                            "unexpected content after the closing ']'").atRow(current), false, null);
                }
                return null;
            }
            if (token == null) {
                throw new UnreadableBodyException(current, FieldViolation.of(null, "malformed_json",
                        "the JSON array is not closed").atRow(current), false, null);
            }
            row = current;
            JsonNode element = parser.readValueAsTree();
            if (element.isString() && element.stringValue().startsWith(BoundedRowStream.MARK)) {
                return RowReader.tooLarge(row, element.stringValue().substring(BoundedRowStream.MARK.length()),
                        maxRowBytes, "the end of the element");
            }
            Supplier<String> raw = element::toString;
            if (!element.isObject()) {
                return ParsedRow.invalid(row, raw, null, List.of(FieldViolation.of(null, "not_an_object",
                        "expected a transaction line object, found " + element.getNodeType().name().toLowerCase())
                        .atRow(row)));
            }
            try {
                return ParsedRow.valid(row, raw, mapper.treeToValue(element, PosTransaction.class));
            } catch (JacksonException e) {
                return ParsedRow.invalid(row, raw, null, List.of(JsonErrors.describe(e).atRow(row)));
            }
        } catch (JacksonException e) {
            throw malformed(current, e);
        }
    }

    private static UnreadableBodyException malformed(long row, JacksonException e) {
        Throwable io = e.getCause();
        if (io instanceof IOException) {
            return RowReader.unreadable(row, io);
        }
        String message = e.getOriginalMessage();
        if (message != null && message.contains("Invalid UTF-8")) {
            return new UnreadableBodyException(row, FieldViolation.of(null, "not_utf8",
                    "the body is not valid UTF-8 (at row " + row + ")").atRow(row), false, e);
        }
        return new UnreadableBodyException(row, JsonErrors.describe(e).atRow(row), false, e);
    }

    @Override
    public void close() {
        parser.close();
    }
}
