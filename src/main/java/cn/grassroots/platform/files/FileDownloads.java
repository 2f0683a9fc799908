package cn.grassroots.platform.files;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.CurrentUser;

/** A stored file as an attachment response, for its owner only; downloads of exports are audited. */
@Component
class FileDownloads {

	private final FileStore files;
	private final CurrentUser user;
	private final AuditLog audit;

	FileDownloads(FileStore files, CurrentUser user, AuditLog audit) {
		this.files = files;
		this.user = user;
		this.audit = audit;
	}

	ResponseEntity<Resource> download(String id) {
		StoredFile file = files.requireOwned(id, user.username());
		Resource body = new InputStreamResource(files.open(file));
		if (file.purpose() == FilePurpose.EXPORT) {
			audit.action("EXPORT_DOWNLOAD").target("file", file.id()).detail(file.name() + ", " + file.size() + " bytes, sha256 "
					+ file.sha256()).record();
		}
		MediaType type;
		try {
			type = MediaType.parseMediaType(file.contentType());
		}
		catch (RuntimeException e) {
			type = MediaType.APPLICATION_OCTET_STREAM;
		}
		return ResponseEntity.ok()
			.contentType(type)
			.contentLength(file.size())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(body);
	}
}
