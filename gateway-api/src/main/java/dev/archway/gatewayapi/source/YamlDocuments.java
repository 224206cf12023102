package dev.archway.gatewayapi.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a multi-document YAML text at its document markers without parsing it: a line that is
 * {@code ---} (alone, or followed by a space or tab) at column 0 starts a document. YAML forbids
 * such a line inside any scalar, so the split is exact for the files this gateway reads (no
 * directives: a {@code %} line at column 0 makes the whole text one piece).
 */
final class YamlDocuments {

    /**
     * A piece of the text.
     *
     * @param text the piece, starting with its {@code ---} line (the first piece may have none)
     * @param firstLine the 1-based line of the whole text where the piece starts
     */
    record Piece(String text, int firstLine) {}

    private YamlDocuments() {}

    static List<Piece> split(String text) {
        List<Piece> pieces = new ArrayList<>();
        int start = 0;
        int startLine = 1;
        int line = 1;
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '%' && (i == 0 || text.charAt(i - 1) == '\n')) {
                return List.of(new Piece(text, 1));
            }
            if (i > start && text.charAt(i - 1) == '\n' && isMarker(text, i)) {
                pieces.add(new Piece(text.substring(start, i), startLine));
                start = i;
                startLine = line;
            }
            if (text.charAt(i) == '\n') {
                line++;
            }
            i++;
        }
        pieces.add(new Piece(text.substring(start), startLine));
        return pieces;
    }

    private static boolean isMarker(String text, int at) {
        if (!text.startsWith("---", at)) {
            return false;
        }
        int next = at + 3;
        if (next == text.length()) {
            return true;
        }
        char c = text.charAt(next);
        return c == '\n' || c == '\r' || c == ' ' || c == '\t';
    }
}
