package org.fibroplan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first sentence of the Javadoc that documents a source file's top-level type (or its package, for
 * package-info.java), as plain text: inline tags reduced to their text, HTML removed.
 */
final class JavadocSummary {

	private static final String MODIFIERS = "(?:(?:public|protected|private|abstract|final|static|sealed|non-sealed|strictfp)\\s+)*";
	private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s");
	private static final Pattern PARAGRAPH = Pattern.compile("(?i)<p\\b[^>]*>|\\n\\s*\\n");
	private static final Pattern NOT_A_SENTENCE_END = Pattern.compile("(?i)(?:\\be\\.g|\\bi\\.e|\\betc|\\bcf|\\bvs)$");

	private JavadocSummary() {}

	/** The first sentence of the Javadoc right before the declaration of the named type (or package); empty if none. */
	static Optional<String> of(String source, String typeName) {
		Matcher declaration = "package-info".equals(typeName) ? PACKAGE.matcher(source)
				: Pattern.compile("(?m)^[ \\t]*" + MODIFIERS + "(?:class|interface|enum|record|@interface)\\s+"
						+ Pattern.quote(typeName) + "\\b").matcher(source);
		if (!declaration.find()) {
			return Optional.empty();
		}
		String before = source.substring(0, declaration.start());
		int end = before.lastIndexOf("*/");
		int start = end < 0 ? -1 : before.lastIndexOf("/**", end);
		if (start < 0 || !onlyAnnotations(before.substring(end + 2))) {
			return Optional.empty();
		}
		String sentence = firstSentence(plainText(before.substring(start + 3, end)));
		return sentence.isEmpty() ? Optional.empty() : Optional.of(sentence);
	}

	/** Whether the text between a comment and a declaration is annotations only (else the comment belongs to something else). */
	private static boolean onlyAnnotations(String text) {
		int i = 0;
		while (i < text.length()) {
			if (Character.isWhitespace(text.charAt(i))) {
				i++;
			} else if (text.charAt(i) == '@') {
				i++;
				while (i < text.length() && (Character.isJavaIdentifierPart(text.charAt(i)) || text.charAt(i) == '.')) {
					i++;
				}
				int next = i;
				while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
					next++;
				}
				if (next < text.length() && text.charAt(next) == '(') {
					i = closing(text, next, '(', ')') + 1;
				}
			} else {
				return false;
			}
		}
		return true;
	}

	/** The comment's main description (block tags dropped), inline tags reduced to their text, HTML removed. */
	static String plainText(String comment) {
		StringBuilder description = new StringBuilder();
		for (String line : comment.split("\\R")) {
			String text = line.replaceFirst("^\\s*\\*? ?", "");
			if (text.startsWith("@")) {
				break;
			}
			description.append(text).append('\n');
		}
		String firstParagraph = PARAGRAPH.split(inlineTags(description.toString()), 2)[0];
		return firstParagraph.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", " ")
				.replace("&amp;", "&").replaceAll("\\s+", " ").strip();
	}

	/** The text up to the first period (or ! or ?) followed by a space, as the Javadoc tool reads a summary. */
	static String firstSentence(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean followedBySpace = i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1));
			if ((c == '.' || c == '!' || c == '?') && followedBySpace && !NOT_A_SENTENCE_END.matcher(text.substring(0, i)).find()) {
				return text.substring(0, i + 1);
			}
		}
		return text;
	}

	/** {@code x} → x, {@link a.b.Type#member label} → label, {@link a.b.Type#member} → Type.member; nested braces kept. */
	private static String inlineTags(String text) {
		StringBuilder out = new StringBuilder();
		int i = 0;
		while (i < text.length()) {
			int open = text.indexOf("{@", i);
			if (open < 0) {
				out.append(text, i, text.length());
				break;
			}
			out.append(text, i, open);
			int close = closing(text, open, '{', '}');
			String tag = text.substring(open + 2, close).strip();
			int space = tag.indexOf(' ');
			String name = space < 0 ? tag : tag.substring(0, space);
			String body = space < 0 ? "" : tag.substring(space + 1).strip();
			out.append(name.startsWith("link") ? linkText(body) : body);
			i = Math.min(close + 1, text.length());
		}
		return out.toString();
	}

	private static String linkText(String body) {
		String[] parts = body.split("\\s+", 2);
		if (parts.length == 2) {
			return parts[1];
		}
		String target = parts[0].replaceFirst("^(?:[a-z]\\w*\\.)+(?=[A-Z])", "");
		return target.startsWith("#") ? target.substring(1) : target.replace('#', '.');
	}

	/** The index of the bracket closing the one at open (nested pairs skipped), or the text's end. */
	private static int closing(String text, int open, char opening, char closingBracket) {
		int depth = 0;
		for (int i = open; i < text.length(); i++) {
			if (text.charAt(i) == opening) {
				depth++;
			} else if (text.charAt(i) == closingBracket && --depth == 0) {
				return i;
			}
		}
		return text.length();
	}
}
