package cn.grassroots.platform.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.platform.InvalidInputException;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.PageResult;
import cn.grassroots.platform.SortOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "audit", description = "操作日志 — read-only, within the reader's scope")
class AuditApiController {

	private final AuditQuery audit;

	AuditApiController(AuditQuery audit) {
		this.audit = audit;
	}

	@GetMapping
	@Operation(summary = "Audit events, newest first unless sorted otherwise; from/to are ISO instants or dates (Asia/Shanghai)")
	PageResult<AuditEvent> search(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@Parameter(description = "time, actor, action, target, outcome; a leading - for descending (default -time)")
			@RequestParam(required = false) String sort,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
		SortOrder order = AuditQuery.SORT.parse(sort);
		return audit.search(new AuditQuery.Filter(actor, action, instant("from", from, false), instant("to", to, true)),
				order, PageRequest.of(page, size));
	}

	/** An ISO instant, or a date meaning its start (from) or the start of the next day (to), China time. */
	static Instant instant(String field, String text, boolean endOfDay) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			if (text.length() == 10) {
				LocalDate d = LocalDate.parse(text);
				return (endOfDay ? d.plusDays(1) : d).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant();
			}
			return Instant.parse(text);
		}
		catch (DateTimeParseException e) {
			throw InvalidInputException.of(field, "validation.dateTime");
		}
	}
}
