package dev.reactivetracing.tooling.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {

    @TempDir
    Path work;

    @Test
    void copiesATreeAndDeletesIt() throws IOException {
        Path source = work.resolve("source");
        Files.createDirectories(source.resolve("a/b"));
        Files.writeString(source.resolve("a/b/file.txt"), "held");
        Files.writeString(source.resolve("top.txt"), "top");

        Path copy = work.resolve("copy");
        Directories.copyRecursively(source, copy);
        assertEquals("held", Files.readString(copy.resolve("a/b/file.txt")));
        assertEquals("top", Files.readString(copy.resolve("top.txt")));

        Directories.deleteRecursively(copy);
        assertFalse(Files.exists(copy));
        assertTrue(Files.exists(source.resolve("a/b/file.txt")), "only the tree named is deleted");
        Directories.deleteRecursively(copy); // nothing there: nothing to do
    }
}
