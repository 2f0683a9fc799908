package cn.grassroots.org.web;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.org.Region;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.org.internal.RegionRepository;
import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.RegionCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The administrative tree: public reference data for every logged-in account. */
@RestController
@RequestMapping("/api/v1/regions")
@Tag(name = "regions", description = "行政区划 — the administrative tree")
class RegionApiController {

	/** The API's view of a region: codes in the 12-digit form. */
	record RegionBody(String code, String shortCode, String name, RegionLevel level, String kind, String parentCode,
			String path, int childCount) {

		static RegionBody of(Region r) {
			return new RegionBody(r.fullCode(), r.shortCode(), r.name(), r.level(), r.kind() == null ? null : r.kind().name(),
					r.parentCode() == null ? null : Long.toString(r.parentCode()), r.path(), r.childCount());
		}
	}

	record RegionDetail(String code, String shortCode, String name, RegionLevel level, String kind, String parentCode,
			String path, int childCount, Map<RegionLevel, Long> countsBelow) {
	}

	private final RegionRepository regions;

	RegionApiController(RegionRepository regions) {
		this.regions = regions;
	}

	@GetMapping
	@Operation(summary = "Search regions by name or code prefix; every match with its full path")
	PageResult<RegionBody> search(@RequestParam(required = false) String q, @RequestParam(required = false) String within,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		PageRequest request = PageRequest.of(page, size);
		if (q == null || q.isBlank()) {
			if (within != null) {
				return children(within, page, size);
			}
			var roots = regions.roots();
			return PageResult.of(roots.stream().skip(request.offset()).limit(request.size()).map(RegionBody::of).toList(),
					request, roots.size());
		}
		if (q.length() > 50) {
			throw InvalidInputException.of("q", "validation.tooLong");
		}
		Long inside = within == null ? null : code(within);
		return regions.search(q, inside, request).map(RegionBody::of);
	}

	@GetMapping("/{code}")
	@Operation(summary = "One region; the code may be short or 12-digit")
	RegionDetail get(@PathVariable String code) {
		Region r = find(code);
		RegionBody b = RegionBody.of(r);
		return new RegionDetail(b.code(), b.shortCode(), b.name(), b.level(), b.kind(), b.parentCode(), b.path(),
				b.childCount(), regions.countsBelow(r.code()));
	}

	@GetMapping("/{code}/children")
	@Operation(summary = "The children of a region, paged, in code order")
	PageResult<RegionBody> children(@PathVariable String code, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size) {
		Region r = find(code);
		return regions.children(r.code(), PageRequest.of(page, size)).map(RegionBody::of);
	}

	private Region find(String code) {
		long value = code(code);
		return regions.find(value).orElseThrow(() -> new NotFoundException("no region " + code));
	}

	static long code(String text) {
		if (!RegionCode.isValid(text)) {
			throw InvalidInputException.of("code", "region.code.format");
		}
		return RegionCode.parse(text).value();
	}
}
