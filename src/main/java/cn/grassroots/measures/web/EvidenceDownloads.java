package cn.grassroots.measures.web;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import cn.grassroots.measures.internal.MeasureService;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.files.FileStore;
import cn.grassroots.platform.files.StoredFile;

/** Streams a report's evidence to whoever may read the measure (the file store alone lets only its owner). */
@Component
class EvidenceDownloads {

	private final MeasureService measures;
	private final FileStore files;

	EvidenceDownloads(MeasureService measures, FileStore files) {
		this.measures = measures;
		this.files = files;
	}

	ResponseEntity<InputStreamResource> download(long reportId, String fileId) {
		var evidence = measures.evidenceOfReport(reportId).stream().filter(e -> e.fileId().equals(fileId)).findFirst()
			.orElseThrow(() -> new NotFoundException("no evidence " + fileId + " on report " + reportId));
		StoredFile file = files.find(evidence.fileId()).orElseThrow(() -> new NotFoundException("no file " + fileId));
		MediaType type;
		try {
			type = MediaType.parseMediaType(file.contentType());
		}
		catch (RuntimeException e) {
			type = MediaType.APPLICATION_OCTET_STREAM;
		}
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-SHA256", file.sha256())
			.contentLength(file.size())
			.body(new InputStreamResource(files.open(file)));
	}
}
