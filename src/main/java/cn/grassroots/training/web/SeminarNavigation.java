package cn.grassroots.training.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.NavigationSection;

/** Lecturers and cases for TRAINING_READ holders; every signed-in person's own items and ratings. */
@Component
class SeminarNavigation implements NavigationSection {

	private final CurrentUser user;

	SeminarNavigation(CurrentUser user) {
		this.user = user;
	}

	@Override
	public String titleKey() {
		return "seminars.nav.title";
	}

	@Override
	public int order() {
		return 21;
	}

	@Override
	public List<Entry> entries() {
		List<Entry> entries = new ArrayList<>();
		if (user.has(Permission.TRAINING_READ)) {
			entries.add(new Entry("seminars.nav.library", "/training/library"));
		}
		if (user.principalIfAny().map(p -> p.personId() != null).orElse(false)) {
			entries.add(new Entry("seminars.nav.my", "/training/me/evaluations"));
		}
		return entries;
	}
}
