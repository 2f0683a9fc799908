package cn.grassroots.platform.web;

import java.util.List;

/**
 * A capability module's group in the side navigation. Each module contributes one bean, so the
 * layout needs no change when a module is added; {@link #entries()} answers for the current
 * user (an empty list hides the group).
 */
public interface NavigationSection {

	/** Message key of the group heading. */
	String titleKey();

	/** Groups are shown by ascending order, after org and before system. */
	int order();

	/** The entries the current user may open. */
	List<Entry> entries();

	/** A link: its message key and its path inside the application. */
	record Entry(String labelKey, String path) {
	}
}
