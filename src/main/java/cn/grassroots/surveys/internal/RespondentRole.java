package cn.grassroots.surveys.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Who answered: the respondent roles of the seed's survey (not account roles). */
public enum RespondentRole {
	GRID_WORKER("网格员"),
	RESIDENT_REPRESENTATIVE("居民代表"),
	STREET_SECRETARY("街道书记"),
	COMMUNITY_SECRETARY("社区书记"),
	DEPARTMENT_OFFICER("部门干部"),
	RESIDENT("居民"),
	VOLUNTEER("志愿者");

	/** Longer Chinese names officers also write in the role column. */
	private static final Map<String, RespondentRole> ALIASES = Map.of(
			"街道党工委书记", STREET_SECRETARY,
			"乡镇街道书记", STREET_SECRETARY,
			"社区党组织书记", COMMUNITY_SECRETARY,
			"社区党委书记", COMMUNITY_SECRETARY,
			"部门工作人员", DEPARTMENT_OFFICER,
			"部门", DEPARTMENT_OFFICER);

	private final String chinese;

	RespondentRole(String chinese) {
		this.chinese = chinese;
	}

	public String chinese() {
		return chinese;
	}

	public String messageKey() {
		return "surveys.role." + name();
	}

	/** A role code (any case) or its Chinese name. */
	public static Optional<RespondentRole> parse(String text) {
		if (text == null) {
			return Optional.empty();
		}
		String t = text.strip();
		for (RespondentRole r : values()) {
			if (r.name().equals(t.toUpperCase(Locale.ROOT)) || r.chinese.equals(t)) {
				return Optional.of(r);
			}
		}
		return Optional.ofNullable(ALIASES.get(t));
	}
}
