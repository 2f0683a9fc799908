package cn.grassroots.platform.files;

import java.time.Instant;

/** A file in the store: its row in {@code stored_file}; the bytes are on disk under {@code grassroots.files.dir}. */
public record StoredFile(String id, String name, String contentType, long size, String sha256, String owner,
		FilePurpose purpose, Instant createdAt, Instant expiresAt) {

	public boolean expiredAt(Instant now) {
		return expiresAt != null && !expiresAt.isAfter(now);
	}
}
