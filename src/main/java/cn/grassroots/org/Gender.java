package cn.grassroots.org;

public enum Gender {
	MALE, FEMALE;

	public String messageKey() {
		return "gender." + name();
	}
}
