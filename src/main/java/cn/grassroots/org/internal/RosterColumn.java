package cn.grassroots.org.internal;

import java.util.List;

/**
 * The columns of the roster import file, in order. The headers are part of the file format and
 * stay Chinese whatever the page language; {@link #label()} names the column in row errors.
 */
enum RosterColumn {
	NAME("姓名*", "姓名", "name"),
	ID_NUMBER("身份证号", "身份证号", "idNumber"),
	GENDER("性别", "性别", "gender"),
	BIRTH_DATE("出生日期", "出生日期", "birthDate"),
	PHONE("手机号码", "手机号码", "phone"),
	PARTY_MEMBER("中共党员(是/否)", "中共党员", "partyMember"),
	REGION("区划代码*", "区划代码", "regionCode"),
	GRID("网格编号", "网格编号", "gridId"),
	UNIT("单位编号", "单位编号", "unitId"),
	POSTS("职务", "职务", "posts"),
	POST_START("任职日期", "任职日期", "postStart");

	static final List<RosterColumn> ALL = List.of(values());

	/** Separators accepted between several posts in one cell; the template asks for 、. */
	static final String POST_SEPARATORS = "[、,，;；/\\s]+";

	private final String header;
	private final String label;
	private final String field;

	RosterColumn(String header, String label, String field) {
		this.header = header;
		this.label = label;
		this.field = field;
	}

	/** The header cell as the template writes it. */
	String header() {
		return header;
	}

	/** The column's name without the required mark, for row errors. */
	String label() {
		return label;
	}

	/** The field name PersonService reports errors under. */
	String field() {
		return field;
	}

	boolean required() {
		return header.endsWith("*");
	}

	/** Explanation of the column on the template's second sheet. */
	String helpKey() {
		return "import.column." + name() + ".help";
	}

	int index() {
		return ordinal();
	}

	/** The column a PersonService field error belongs to. */
	static RosterColumn ofField(String field) {
		for (RosterColumn c : values()) {
			if (c.field.equals(field)) {
				return c;
			}
		}
		return NAME;
	}

	/** The position of the column with this label, or the end for anything else. */
	static int indexOfLabel(String label) {
		for (RosterColumn c : values()) {
			if (c.label.equals(label)) {
				return c.ordinal();
			}
		}
		return Integer.MAX_VALUE;
	}

	/** Header text as compared: no spaces or required marks, ASCII parentheses and slash. */
	static String normalise(String header) {
		if (header == null) {
			return "";
		}
		return header.replaceAll("[\\s*＊]", "").replace('（', '(').replace('）', ')').replace('／', '/');
	}
}
