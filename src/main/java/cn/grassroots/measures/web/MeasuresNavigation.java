package cn.grassroots.measures.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.NavigationSection;

/** The 措施 group of the side navigation: mechanisms for readers, the desk for reporting units. */
@Component
class MeasuresNavigation implements NavigationSection {

	private final CurrentUser user;

	MeasuresNavigation(CurrentUser user) {
		this.user = user;
	}

	@Override
	public String titleKey() {
		return "measures.nav.title";
	}

	@Override
	public int order() {
		return 30;
	}

	@Override
	public List<Entry> entries() {
		List<Entry> entries = new ArrayList<>();
		if (user.has(Permission.MEASURE_READ)) {
			entries.add(new Entry("measures.nav.mechanisms", "/measures"));
		}
		if (user.has(Permission.MEASURE_REPORT)) {
			entries.add(new Entry("measures.nav.desk", "/measures/desk"));
		}
		return entries;
	}
}
