package cn.grassroots.org.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import cn.grassroots.org.Region;
import cn.grassroots.org.internal.RegionRepository;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.web.Htmx;

/** Browse and search the administrative tree. */
@Controller
class RegionPageController {

	private final RegionRepository regions;

	RegionPageController(RegionRepository regions) {
		this.regions = regions;
	}

	@GetMapping("/regions")
	String index(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, Model model, HttpServletRequest request) {
		model.addAttribute("q", q);
		if (q != null && !q.isBlank()) {
			model.addAttribute("results", regions.search(q.length() > 50 ? q.substring(0, 50) : q, null, PageRequest.of(page, size)));
		}
		model.addAttribute("roots", regions.roots());
		return Htmx.view(request, "regions/index", "results");
	}

	/**
	 * A region picker's suggestions: up to ten regions found as the search finds them, with their
	 * full paths, as a list fragment for htmx. Outside htmx, the search page for the same text.
	 */
	@GetMapping("/regions/suggest")
	String suggest(@RequestParam(required = false) String q, Model model, HttpServletRequest request) {
		String text = q == null ? "" : q.trim();
		if (text.length() > 50) {
			text = text.substring(0, 50);
		}
		if (!Htmx.isHtmx(request)) {
			return "redirect:" + UriComponentsBuilder.fromPath("/regions").queryParam("q", text).encode().build().toUriString();
		}
		model.addAttribute("q", text);
		model.addAttribute("suggestions", text.isEmpty() ? List.of() : regions.suggest(text, SUGGESTIONS));
		return "regions/suggest :: suggestions";
	}

	private static final int SUGGESTIONS = 10;

	@GetMapping("/regions/{code}")
	String show(@PathVariable String code, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, Model model, HttpServletRequest request) {
		Region region = regions.find(RegionApiController.code(code)).orElseThrow(() -> new NotFoundException(code));
		model.addAttribute("region", region);
		model.addAttribute("lineage", regions.lineage(region.code()));
		model.addAttribute("counts", regions.countsBelow(region.code()));
		model.addAttribute("children", regions.children(region.code(), PageRequest.of(page, size == null ? 50 : size)));
		return Htmx.view(request, "regions/show", "children");
	}
}
