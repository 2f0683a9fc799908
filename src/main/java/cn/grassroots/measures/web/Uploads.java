package cn.grassroots.measures.web;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.web.multipart.MultipartFile;

import cn.grassroots.measures.internal.ReportService;

/** A multipart file as the report service takes it. */
record Uploads(MultipartFile file) implements ReportService.Upload {

	static Uploads of(MultipartFile file) {
		return new Uploads(file);
	}

	@Override
	public String name() {
		return file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "evidence"
				: file.getOriginalFilename();
	}

	@Override
	public String contentType() {
		return file.getContentType();
	}

	@Override
	public long size() {
		return file.getSize();
	}

	@Override
	public InputStream open() throws IOException {
		return file.getInputStream();
	}
}
