package cn.grassroots.platform.web;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import cn.grassroots.platform.security.AccountPrincipal;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Grant;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.security.ScopeTopology;

/** What the layout shows on every page: the user, their roles and scope, the navigation, the watermark. */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

	private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private final CurrentUser user;
	private final ScopeTopology topology;
	private final MessageSource messages;
	private final boolean watermark;
	private final List<NavigationSection> sections;

	LayoutAdvice(CurrentUser user, ScopeTopology topology, MessageSource messages,
			@Value("${grassroots.watermark.enabled:true}") boolean watermark, List<NavigationSection> sections) {
		this.user = user;
		this.topology = topology;
		this.messages = messages;
		this.watermark = watermark;
		this.sections = sections.stream().sorted(java.util.Comparator.comparingInt(NavigationSection::order)).toList();
	}

	/** A module's navigation group as the layout shows it. */
	public record NavGroup(String titleKey, List<NavigationSection.Entry> entries) {
	}

	/** The navigation entries the user may open. */
	public record Nav(boolean roster, boolean structure, boolean accounts, boolean audit, boolean settings) {
	}

	@ModelAttribute
	void layout(Model model) {
		var principal = user.principalIfAny();
		if (principal.isEmpty()) {
			return;
		}
		AccountPrincipal me = principal.get();
		List<Grant> grants = user.grants();
		Locale locale = LocaleContextHolder.getLocale();
		List<String> scopes = new ArrayList<>();
		for (Grant g : grants) {
			String role = messages.getMessage(g.role().messageKey(), null, g.role().name(), locale);
			scopes.add(role + " · " + describe(g, locale));
		}
		model.addAttribute("me", me);
		model.addAttribute("myGrants", scopes);
		model.addAttribute("nav", new Nav(user.has(Permission.ROSTER_READ), user.has(Permission.STRUCTURE_WRITE),
				user.has(Permission.ACCOUNT_MANAGE), user.has(Permission.AUDIT_READ), user.has(Permission.SYSTEM_SETTINGS)));
		List<NavGroup> groups = new ArrayList<>();
		for (NavigationSection section : sections) {
			List<NavigationSection.Entry> entries = section.entries();
			if (!entries.isEmpty()) {
				groups.add(new NavGroup(section.titleKey(), entries));
			}
		}
		model.addAttribute("navGroups", groups);
		if (watermark) {
			model.addAttribute("watermark", me.displayName() + " " + me.getUsername() + " "
					+ LocalDateTime.now(CHINA).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")));
		}
	}

	private String describe(Grant g, Locale locale) {
		String kind = messages.getMessage(g.scopeKind().messageKey(), null, g.scopeKind().name(), locale);
		return switch (g.scopeKind()) {
			case ALL, SELF -> kind;
			case REGION_AND_BELOW -> g.gridId() != null ? topology.gridName(g.gridId()).orElse("?")
					: topology.regionPath(g.regionCode()).map(p -> p.replace(" / ", " › ")).orElse("?");
			case CUSTOM -> kind + " (" + g.customRegions().size() + ")";
			case OWN_UNIT, UNIT_AND_BELOW -> topology.unitName(g.unitId()).orElse("?") + " · " + kind;
		};
	}
}
