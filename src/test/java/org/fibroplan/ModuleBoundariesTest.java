package org.fibroplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter.DiagramOptions.ElementsWithoutRelationships;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter;

/**
 * Modules talk through each other's public API only; a dependency on another module's internals fails here.
 * The module diagrams (docs/modules) and the generated parts of docs/architecture.md are kept equal to the
 * code here too: a stale one is rewritten and the test fails, so CI catches it and a local run fixes it.
 */
class ModuleBoundariesTest {

	private static final ApplicationModules MODULES = ApplicationModules.of(FibroPlanApplication.class);
	private static final Path DIAGRAMS = Path.of("docs/modules");
	private static final Path ARCHITECTURE = Path.of("docs/architecture.md");

	@Test
	void modulesRespectEachOthersBoundaries() {
		MODULES.verify();
	}

	@Test
	void moduleDiagramsMatchTheCode() {
		Map<Path, String> before = contents(DIAGRAMS);
		// Modules nothing depends on and that depend on nothing (demo) must still show on the overview.
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DIAGRAMS.toString()))
				.writeModulesAsPlantUml(DiagramOptions.defaults().withElementsWithoutRelationships(ElementsWithoutRelationships.VISIBLE))
				.writeIndividualModulesAsPlantUml();
		sortDeclarations(DIAGRAMS);
		assertThat(contents(DIAGRAMS))
				.as("docs/modules was out of date with the code; it has been regenerated — review and commit it")
				.isEqualTo(before);
	}

	@Test
	void architectureDocumentMatchesTheCode() {
		ModuleTable table = new ModuleTable(MODULES);
		boolean changed = new ArchitectureDocument(ARCHITECTURE)
				.section("modules", table.render())
				.section("classes", "```\n" + ClassMap.read(Path.of("src/main/java"), "org.fibroplan", table.order()).render() + "\n```")
				.regenerate();
		assertThat(changed)
				.as("docs/architecture.md was out of date with the code; it has been regenerated — review and commit it")
				.isFalse();
	}

	/**
	 * Sorts each run of component and relation lines: their order follows the order classes were found on
	 * disk, which differs between machines and would make CI report a stale diagram that is not.
	 */
	private static void sortDeclarations(Path folder) {
		contents(folder).forEach((name, text) -> {
			List<String> lines = new ArrayList<>(text.lines().toList());
			for (int start = 0; start < lines.size(); start++) {
				String kind = declarationKind(lines.get(start));
				int end = start;
				while (kind != null && end + 1 < lines.size() && kind.equals(declarationKind(lines.get(end + 1)))) {
					end++;
				}
				Collections.sort(lines.subList(start, end + 1));
				start = end;
			}
			try {
				Files.writeString(folder.resolve(name), String.join("\n", lines) + "\n");
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
	}

	private static String declarationKind(String line) {
		String trimmed = line.strip();
		int paren = trimmed.indexOf('(');
		return paren > 0 && trimmed.endsWith(")") ? trimmed.substring(0, paren) : null;
	}

	private static Map<Path, String> contents(Path folder) {
		Map<Path, String> contents = new TreeMap<>();
		if (!Files.isDirectory(folder)) {
			return contents;
		}
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.toList()) {
				contents.put(file.getFileName(), Files.readString(file));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return contents;
	}
}
