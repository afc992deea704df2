package org.fibroplan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * docs/architecture.md with its generated sections: text between {@code <!-- generated:NAME -->} and
 * {@code <!-- /generated:NAME -->} belongs to the generator, everything else to people.
 */
final class ArchitectureDocument {

	private final Path file;
	private final Map<String, String> sections = new LinkedHashMap<>();

	ArchitectureDocument(Path file) {
		this.file = file;
	}

	/** Sets what the named section must hold. */
	ArchitectureDocument section(String name, String content) {
		sections.put(name, content);
		return this;
	}

	/** Rewrites the generated sections where they differ from the file; returns whether the file changed. */
	boolean regenerate() {
		try {
			String before = Files.readString(file, StandardCharsets.UTF_8);
			String after = before;
			for (Map.Entry<String, String> section : sections.entrySet()) {
				after = replaced(after, section.getKey(), section.getValue());
			}
			if (after.equals(before)) {
				return false;
			}
			Files.writeString(file, after, StandardCharsets.UTF_8);
			return true;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private String replaced(String text, String name, String content) {
		String open = "<!-- generated:" + name + " -->";
		String close = "<!-- /generated:" + name + " -->";
		int start = text.indexOf(open);
		int end = text.indexOf(close);
		if (start < 0 || end < start || text.indexOf(open, start + 1) >= 0) {
			throw new IllegalStateException(file + " needs exactly one pair of markers " + open + " … " + close);
		}
		return text.substring(0, start + open.length()) + "\n" + content.strip() + "\n" + text.substring(end);
	}
}
