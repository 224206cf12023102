package dev.archway.gatewayapi.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class YamlDocumentsTest {

    @Test
    void splitsAtDocumentMarkersAtTheStartOfALine() {
        String text = "a: 1\n---\nb: |\n  ---\n  text\n--- # comment\nc: 3\n---\n";
        List<YamlDocuments.Piece> pieces = YamlDocuments.split(text);
        assertThat(pieces).extracting(YamlDocuments.Piece::firstLine).containsExactly(1, 2, 6, 8);
        assertThat(pieces.get(1).text()).isEqualTo("---\nb: |\n  ---\n  text\n");
        assertThat(String.join("", pieces.stream().map(YamlDocuments.Piece::text).toList())).isEqualTo(text);
    }

    @Test
    void keepsATextWithDirectivesWhole() {
        String text = "%YAML 1.2\n---\na: 1\n---\nb: 2\n";
        assertThat(YamlDocuments.split(text)).containsExactly(new YamlDocuments.Piece(text, 1));
    }

    @Test
    void doesNotSplitAtDashesThatAreNotAMarker() {
        assertThat(YamlDocuments.split("a: 1\n----\nb: ---\n")).hasSize(1);
    }
}
