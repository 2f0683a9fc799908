package cn.grassroots.measures.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import cn.grassroots.measures.internal.MeetingReportPdf;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The printable meeting report (PDF): over the API, and from the meeting and dashboard pages (the
 * same document; the page URLs sit under /measures so the browser session reaches them).
 */
@RestController
@Tag(name = "meetings", description = "全体会议 — plenary meetings, coordination requests and decisions")
class MeetingReportDownloads {

	private final MeetingReportPdf reports;

	MeetingReportDownloads(MeetingReportPdf reports) {
		this.reports = reports;
	}

	@GetMapping("/api/v1/meetings/{id}/report.pdf")
	@Operation(summary = "The meeting's printable report: the mechanism's measures by status, kind and unit, overdue and at-risk lists, punctuality, the agenda's coordination requests with their decisions")
	ResponseEntity<byte[]> meeting(@PathVariable long id) {
		return pdf("会议材料-" + id + ".pdf", reports.forMeeting(id));
	}

	@GetMapping("/api/v1/mechanisms/{id}/dashboard/report.pdf")
	@Operation(summary = "The printable report for the next meeting: the dashboard's figures and the coordination requests waiting for a meeting")
	ResponseEntity<byte[]> mechanism(@PathVariable long id) {
		return pdf("督查看板-" + id + ".pdf", reports.forMechanism(id));
	}

	@GetMapping("/measures/meetings/{id}/report.pdf")
	ResponseEntity<byte[]> meetingPage(@PathVariable long id) {
		return meeting(id);
	}

	@GetMapping("/measures/mechanisms/{id}/dashboard.pdf")
	ResponseEntity<byte[]> mechanismPage(@PathVariable long id) {
		return mechanism(id);
	}

	private static ResponseEntity<byte[]> pdf(String name, byte[] body) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
			.body(body);
	}
}
