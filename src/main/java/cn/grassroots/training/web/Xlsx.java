package cn.grassroots.training.web;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** An XLSX download with its file name (Chinese names kept, RFC 6266). */
final class Xlsx {

	static final MediaType TYPE = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	private Xlsx() {
	}

	static ResponseEntity<byte[]> download(String fileName, byte[] body) {
		return ResponseEntity.ok().contentType(TYPE)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
			.body(body);
	}
}
