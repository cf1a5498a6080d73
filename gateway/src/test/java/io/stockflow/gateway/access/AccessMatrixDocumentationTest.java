package io.stockflow.gateway.access;

import io.stockflow.common.security.AccessPolicy;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's authorization matrix is the enforced one, word for word. */
class AccessMatrixDocumentationTest {

    @Test
    void theReadmeShowsTheEnforcedMatrix() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String documented = readme.substring(readme.indexOf("-->", readme.indexOf("<!-- access-matrix:start")) + 4,
                readme.indexOf("<!-- access-matrix:end -->"));
        assertThat(documented).as("README matrix; regenerate it from AccessPolicy.markdownTable()")
                .isEqualTo(AccessPolicy.stockflow().markdownTable());
    }
}
