package org.fibroplan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every package and top-level class under a source root as a text tree, each with the first sentence of
 * its Javadoc (a package's from its package-info.java), read from the sources themselves.
 */
final class ClassMap {

	private static final int WIDTH = 120;
	private static final int MAX_NAME_COLUMN = 46;

	/** A package: its summary, its classes (name → summary) and its sub-packages. */
	private static final class Node {
		final String name;
		String summary = "";
		final Map<String, String> classes = new TreeMap<>();
		final Map<String, Node> packages = new TreeMap<>();

		Node(String name) {
			this.name = name;
		}
	}

	private final Node root;
	private final Comparator<String> packageOrder;

	private ClassMap(Node root, Comparator<String> packageOrder) {
		this.root = root;
		this.packageOrder = packageOrder;
	}

	/** Reads every .java file under sourceRoot/rootPackage; sub-packages of the root are ordered by packageOrder. */
	static ClassMap read(Path sourceRoot, String rootPackage, Comparator<String> packageOrder) {
		Path rootDirectory = sourceRoot.resolve(rootPackage.replace('.', '/'));
		Node root = new Node(rootPackage);
		try (Stream<Path> files = Files.walk(rootDirectory)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
				Node node = root;
				for (Path part : rootDirectory.relativize(file.getParent())) {
					if (!part.toString().isEmpty()) { // the root directory relativizes to one empty name
						node = node.packages.computeIfAbsent(part.toString(), Node::new);
					}
				}
				String type = file.getFileName().toString().replaceFirst("\\.java$", "");
				String summary = JavadocSummary.of(Files.readString(file, StandardCharsets.UTF_8), type).orElse("");
				if ("package-info".equals(type)) {
					node.summary = summary;
				} else {
					node.classes.put(type, summary);
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return new ClassMap(root, packageOrder);
	}

	/** The tree, one line per package and class (long summaries wrapped under their column). */
	String render() {
		List<String> lines = new ArrayList<>();
		lines.add(root.summary.isEmpty() ? root.name : root.name + "  " + root.summary);
		renderChildren(root, "", lines, packageOrder);
		return String.join("\n", lines);
	}

	private void renderChildren(Node node, String indent, List<String> lines, Comparator<String> order) {
		List<String[]> entries = new ArrayList<>();
		node.classes.forEach((name, summary) -> entries.add(new String[] {name, summary}));
		List<Node> packages = node.packages.values().stream().sorted(Comparator.comparing(p -> p.name, order)).toList();
		packages.forEach(p -> entries.add(new String[] {p.name, p.summary}));
		int column = Math.min(MAX_NAME_COLUMN, indent.length() + 4 + entries.stream().mapToInt(e -> e[0].length()).max().orElse(0) + 2);
		for (int i = 0; i < entries.size(); i++) {
			boolean last = i == entries.size() - 1;
			String branch = indent + (last ? "└── " : "├── ") + entries.get(i)[0];
			String continuation = indent + (last ? "    " : "│   ");
			int packageIndex = i - node.classes.size();
			boolean hasChildren = packageIndex >= 0
					&& (!packages.get(packageIndex).classes.isEmpty() || !packages.get(packageIndex).packages.isEmpty());
			String descriptionIndent = padded(hasChildren ? continuation + "│" : continuation, column);
			lines.addAll(wrapped(branch, entries.get(i)[1], column, descriptionIndent));
			if (packageIndex >= 0) {
				renderChildren(packages.get(packageIndex), continuation, lines, Comparator.naturalOrder());
			}
		}
	}

	/** The name, then the summary from the column on, wrapped at WIDTH with continuation lines under the column. */
	private static List<String> wrapped(String head, String summary, int column, String continuation) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder(head.length() + 2 > column ? head + "  " : padded(head, column));
		boolean empty = true;
		for (String word : summary.split(" ")) {
			if (word.isEmpty()) {
				continue;
			}
			if (!empty && line.length() + 1 + word.length() > WIDTH) {
				lines.add(line.toString().stripTrailing());
				line = new StringBuilder(continuation);
				empty = true;
			}
			line.append(empty ? "" : " ").append(word);
			empty = false;
		}
		lines.add(line.toString().stripTrailing());
		return lines;
	}

	private static String padded(String text, int column) {
		return text.length() >= column ? text : text + " ".repeat(column - text.length());
	}
}
