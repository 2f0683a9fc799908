package cn.grassroots.surveys.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.NavigationSection;

/** The 问卷调查 group of the side navigation: the questionnaires for those who design, analyse or import. */
@Component
class SurveysNavigation implements NavigationSection {

	private final CurrentUser user;

	SurveysNavigation(CurrentUser user) {
		this.user = user;
	}

	@Override
	public String titleKey() {
		return "surveys.nav";
	}

	@Override
	public int order() {
		return 10;
	}

	@Override
	public List<Entry> entries() {
		List<Entry> entries = new ArrayList<>();
		if (user.has(Permission.SURVEY_DESIGN) || user.has(Permission.SURVEY_ANALYSE) || user.has(Permission.SURVEY_IMPORT)) {
			entries.add(new Entry("surveys.nav.list", "/surveys"));
		}
		if (user.has(Permission.SURVEY_ANALYSE)) {
			entries.add(new Entry("surveys.nav.terms", "/surveys/terms"));
		}
		return entries;
	}
}
