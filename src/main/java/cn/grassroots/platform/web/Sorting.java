package cn.grassroots.platform.web;

import org.springframework.ui.Model;

import cn.grassroots.platform.SortKeys;
import cn.grassroots.platform.SortOrder;

/** A list page's order, for its column headers and for the links that keep it (pager, filters). */
public final class Sorting {

	private Sorting() {
	}

	/**
	 * Parses the {@code sort} parameter against the list's keys (an unknown key is a 400) and puts
	 * {@code sort}, the order in force, and {@code sortParam}, the parameter that keeps it in links
	 * (null for the list's default order), into the model.
	 */
	public static SortOrder model(Model model, SortKeys keys, String sort) {
		SortOrder order = keys.parse(sort);
		model.addAttribute("sort", order);
		model.addAttribute("sortParam", order.equals(keys.defaultOrder()) ? null : order.param());
		return order;
	}
}
