package cn.grassroots.platform.security;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** A grant in words, in the user's language: the role's name, the scope kind's name, and what the scope reaches. */
@Component
public class GrantLabels {

	/** A grant for JSON: codes as 12-digit strings, with its names in the caller's language. */
	public record View(Long id, Role role, String roleName, DataScopeKind scopeKind, String scopeKindName, String reach,
			String regionCode, Long gridId, Long unitId, List<String> customRegionCodes) {
	}

	private final MessageSource messages;
	private final ScopeTopology topology;

	GrantLabels(MessageSource messages, ScopeTopology topology) {
		this.messages = messages;
		this.topology = topology;
	}

	public String role(Role role, Locale locale) {
		return messages.getMessage(role.messageKey(), null, role.name(), locale);
	}

	public String kind(DataScopeKind kind, Locale locale) {
		return messages.getMessage(kind.messageKey(), null, kind.name(), locale);
	}

	/** What the grant reaches: a region's path, a grid's or unit's name, the custom regions' names. */
	public String reach(Grant g, Locale locale) {
		return switch (g.scopeKind()) {
			case ALL, SELF -> kind(g.scopeKind(), locale);
			case REGION_AND_BELOW -> g.gridId() != null ? topology.gridName(g.gridId()).orElse("#" + g.gridId())
					: topology.regionPath(g.regionCode()).orElse(Long.toString(g.regionCode()));
			case CUSTOM -> g.customRegions()
				.stream()
				.sorted()
				.map(code -> topology.regionPath(code).map(GrantLabels::lastName).orElse(Long.toString(code)))
				.collect(Collectors.joining("、"));
			case OWN_UNIT, UNIT_AND_BELOW -> topology.unitName(g.unitId()).orElse("#" + g.unitId());
		};
	}

	/** "组织部门管理员 · 黑龙江省 / 哈尔滨市" */
	public String describe(Grant g, Locale locale) {
		return role(g.role(), locale) + " · " + reach(g, locale);
	}

	public View view(Grant g, Locale locale) {
		return new View(g.id(), g.role(), role(g.role(), locale), g.scopeKind(), kind(g.scopeKind(), locale), reach(g, locale),
				g.regionCode() == null ? null : Long.toString(g.regionCode()), g.gridId(), g.unitId(),
				g.customRegions().stream().sorted().map(c -> Long.toString(c)).toList());
	}

	private static String lastName(String path) {
		int i = path.lastIndexOf(" / ");
		return i < 0 ? path : path.substring(i + 3);
	}
}
