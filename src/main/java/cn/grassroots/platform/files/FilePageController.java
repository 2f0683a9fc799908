package cn.grassroots.platform.files;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Downloads from the pages (session login); the same rules as the API. */
@Controller
class FilePageController {

	private final FileDownloads downloads;

	FilePageController(FileDownloads downloads) {
		this.downloads = downloads;
	}

	@GetMapping("/files/{id}")
	ResponseEntity<Resource> download(@PathVariable String id) {
		return downloads.download(id);
	}
}
