package onfido.core.test

import java.io.File
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import org.junit.jupiter.api.DisplayName
import org.junit.jupiter.api.Test

/** The shared vectors (`tests/vectors` and `$ONFIDO_VECTORS`): prints each failure, then `vectors: N passed, M failed`. */
class VectorsTest {
    @Test
    @DisplayName("shared vectors")
    fun sharedVectors() {
        val (passed, failed) = Vectors.run(File(REPO, "tests/vectors"))
        assertEquals(0, failed, "$failed vector case(s) failed")
        assertTrue(passed > 0, "no vector case ran")
    }
}
