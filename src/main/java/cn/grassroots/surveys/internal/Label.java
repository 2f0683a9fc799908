package cn.grassroots.surveys.internal;

import java.util.Locale;

/** A text in Chinese (the default) and English; either may be null. */
public record Label(String zh, String en) {

	public static final Label NONE = new Label(null, null);

	public boolean blank() {
		return (zh == null || zh.isBlank()) && (en == null || en.isBlank());
	}

	/** The text for the locale, falling back to the other language. */
	public String in(Locale locale) {
		boolean english = locale != null && "en".equals(locale.getLanguage());
		String first = english ? en : zh;
		String second = english ? zh : en;
		return first != null && !first.isBlank() ? first : second;
	}
}
