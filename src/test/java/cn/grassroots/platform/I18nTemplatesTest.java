package cn.grassroots.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** No literal user-facing text in templates, and both message bundles hold the same keys. */
class I18nTemplatesTest {

	private static final Path TEMPLATES = Path.of("src/main/resources/templates");
	/** Text between tags: allowed only when the element's content is replaced by th:text and friends. */
	private static final Pattern TEXT = Pattern.compile("<([a-zA-Z0-9]+)([^<>]*)>([^<>]*)<");
	private static final Pattern TH_CONTENT = Pattern.compile("th:(text|utext|replace|insert|errors)\\s*=");
	private static final Pattern OK_TEXT = Pattern.compile("[\\s\\p{Punct}›·•×&;#0-9a-z]*|&[a-z]+;|&#\\d+;");

	@Test
	void templatesHaveNoLiteralText() throws IOException {
		List<String> offences = new ArrayList<>();
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
				String html = Files.readString(file).replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<script.*?</script>", "<script></script>");
				Matcher m = TEXT.matcher(html);
				while (m.find()) {
					String text = m.group(3).trim();
					if (text.isEmpty() || TH_CONTENT.matcher(m.group(2)).find() || OK_TEXT.matcher(text).matches()) {
						continue;
					}
					offences.add(TEMPLATES.relativize(file) + ": <" + m.group(1) + "> " + text);
				}
				// text after a closing tag or between sibling elements, outside any th:text element
				Matcher tail = Pattern.compile("</[a-zA-Z0-9]+>([^<>]+)<").matcher(html);
				while (tail.find()) {
					String text = tail.group(1).trim();
					if (!text.isEmpty() && !OK_TEXT.matcher(text).matches()) {
						offences.add(TEMPLATES.relativize(file) + ": after a closing tag: " + text);
					}
				}
			}
		}
		assertThat(offences).isEmpty();
	}

	/** The bundles named in application.yml: the shared one and one per feature area. */
	private static final String[] BUNDLES = { "messages", "i18n/structure", "i18n/jobs", "i18n/accounts", "i18n/surveys",
			"i18n/training", "i18n/measures", "i18n/answering", "i18n/training-phone", "i18n/seminars", "i18n/training-desk",
			"i18n/training-library-forms", "i18n/training-seminar-forms", "i18n/training-supervision-forms" };

	@Test
	void everyBundleHasTheSameKeysInBothLanguages() throws IOException {
		for (String bundle : BUNDLES) {
			Properties zh = load(bundle + ".properties");
			Properties en = load(bundle + "_en.properties");
			assertThat(zh.keySet()).as(bundle).containsExactlyInAnyOrderElementsOf(en.keySet());
		}
	}

	private static Properties allChinese() throws IOException {
		Properties all = new Properties();
		for (String bundle : BUNDLES) {
			all.putAll(load(bundle + ".properties"));
		}
		return all;
	}

	@Test
	void everyMessageKeyUsedInTemplatesExists() throws IOException {
		Properties zh = allChinese();
		Pattern key = Pattern.compile("#\\{([a-zA-Z0-9_.]+)[}(]");
		List<String> missing = new ArrayList<>();
		try (Stream<Path> files = Files.walk(TEMPLATES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
				Matcher m = key.matcher(Files.readString(file));
				while (m.find()) {
					if (!zh.containsKey(m.group(1))) {
						missing.add(TEMPLATES.relativize(file) + ": " + m.group(1));
					}
				}
			}
		}
		assertThat(missing).isEmpty();
	}

	private static Properties load(String name) throws IOException {
		Properties p = new Properties();
		try (InputStream in = Files.newInputStream(Path.of("src/main/resources", name))) {
			p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return p;
	}
}
