package cn.grassroots.platform.files;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/files")
@Tag(name = "files", description = "文件 — results of exports and other stored files, for their owner only")
class FileApiController {

	private final FileDownloads downloads;

	FileApiController(FileDownloads downloads) {
		this.downloads = downloads;
	}

	@GetMapping("/{id}")
	@Operation(summary = "Downloads a file the caller owns; 403 for another user's file, 404 when unknown or expired")
	ResponseEntity<Resource> download(@PathVariable String id) {
		return downloads.download(id);
	}
}
