package cn.grassroots.platform.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import cn.grassroots.platform.ForbiddenException;
import cn.grassroots.platform.NotFoundException;
import cn.grassroots.platform.Sql;

/**
 * The file store: bytes on disk under {@code grassroots.files.dir} (two-character fan-out by id),
 * one {@code stored_file} row per file with its SHA-256 (computed while writing), size, owner,
 * purpose and expiry. Expired files are removed by {@link #deleteExpired()} on a schedule.
 */
@Service
public class FileStore {

	/** Writes a file's content; the store hashes and counts what is written. */
	@FunctionalInterface
	public interface ContentWriter {
		void write(OutputStream out) throws IOException;
	}

	private static final Logger log = LoggerFactory.getLogger(FileStore.class);
	private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
	private static final String COLUMNS = "id, name, content_type, size_bytes, sha256, owner, purpose, created_at, expires_at";

	private final JdbcClient jdbc;
	private final Path root;

	FileStore(JdbcClient jdbc, @Value("${grassroots.files.dir}") String dir) {
		this.jdbc = jdbc;
		this.root = Path.of(dir).toAbsolutePath().normalize();
	}

	/** Stores the stream's bytes; {@code ttl} null keeps the file until it is deleted. */
	public StoredFile store(InputStream content, String name, String contentType, String owner, FilePurpose purpose,
			Duration ttl) {
		return write(name, contentType, owner, purpose, ttl, content::transferTo);
	}

	/** Stores what the writer produces, hashing it on the way to disk. Nothing is kept when the writer fails. */
	public StoredFile write(String name, String contentType, String owner, FilePurpose purpose, Duration ttl,
			ContentWriter writer) {
		String id = UUID.randomUUID().toString();
		Path target = pathOf(id);
		Path partial = target.resolveSibling(id + ".part");
		MessageDigest sha256 = sha256();
		long size;
		try {
			Files.createDirectories(target.getParent());
			try (OutputStream file = Files.newOutputStream(partial);
					CountingOutputStream counting = new CountingOutputStream(file);
					DigestOutputStream out = new DigestOutputStream(counting, sha256)) {
				writer.write(out);
				out.flush();
				size = counting.count();
			}
			move(partial, target);
		}
		catch (IOException e) {
			deleteQuietly(partial);
			throw new UncheckedIOException("could not store file " + id, e);
		}
		catch (RuntimeException e) {
			deleteQuietly(partial);
			throw e;
		}
		Instant now = Instant.now();
		StoredFile file = new StoredFile(id, cleanName(name), contentType == null || contentType.isBlank()
				? "application/octet-stream" : truncate(contentType, 150), size, HexFormat.of().formatHex(sha256.digest()),
				owner, purpose, now, ttl == null ? null : now.plus(ttl));
		try {
			jdbc.sql("INSERT INTO stored_file (" + COLUMNS + ") VALUES (:id, :name, :type, :size, :sha, :owner, :purpose, :at, :exp)")
				.param("id", file.id())
				.param("name", file.name())
				.param("type", file.contentType())
				.param("size", file.size())
				.param("sha", file.sha256())
				.param("owner", file.owner())
				.param("purpose", file.purpose().name())
				.param("at", Sql.utc(file.createdAt()))
				.param("exp", Sql.utc(file.expiresAt()))
				.update();
		}
		catch (RuntimeException e) {
			deleteQuietly(target);
			throw e;
		}
		return file;
	}

	/** The file's row, expired or not; empty for an unknown or malformed id. */
	public Optional<StoredFile> find(String id) {
		if (id == null || !ID.matcher(id).matches()) {
			return Optional.empty();
		}
		return jdbc.sql("SELECT " + COLUMNS + " FROM stored_file WHERE id = :id").param("id", id).query(FileStore::map).optional();
	}

	/** The file, if it exists, has not expired and belongs to the user: 404 otherwise, or 403 for someone else's. */
	public StoredFile requireOwned(String id, String username) {
		StoredFile file = find(id).filter(f -> !f.expiredAt(Instant.now()))
			.orElseThrow(() -> new NotFoundException("no file " + id));
		if (!file.owner().equals(username)) {
			throw new ForbiddenException("the file belongs to another user");
		}
		return file;
	}

	/** Opens the file's bytes; the caller closes the stream. */
	public InputStream open(StoredFile file) {
		try {
			return Files.newInputStream(pathOf(file.id()));
		}
		catch (IOException e) {
			throw new NotFoundException("the content of file " + file.id() + " is gone");
		}
	}

	/** Makes the file expire now; the clean-up removes it. */
	public void expireNow(String id) {
		jdbc.sql("UPDATE stored_file SET expires_at = :now WHERE id = :id").param("now", Sql.now()).param("id", id).update();
	}

	/** Removes the row and the bytes. */
	public void delete(String id) {
		if (id == null || !ID.matcher(id).matches()) {
			return;
		}
		jdbc.sql("DELETE FROM stored_file WHERE id = :id").param("id", id).update();
		deleteQuietly(pathOf(id));
	}

	/** Removes every expired file, rows and disk; returns how many. */
	@Scheduled(initialDelayString = "${grassroots.files.cleanup-delay:PT1M}", fixedDelayString = "${grassroots.files.cleanup-interval:PT1H}")
	public int deleteExpired() {
		List<String> ids = jdbc.sql("SELECT id FROM stored_file WHERE expires_at IS NOT NULL AND expires_at <= :now ORDER BY expires_at")
			.param("now", Sql.now())
			.query(String.class)
			.list();
		for (String id : ids) {
			delete(id);
		}
		if (!ids.isEmpty()) {
			log.info("removed {} expired files", ids.size());
		}
		return ids.size();
	}

	Path pathOf(String id) {
		if (!ID.matcher(id).matches()) {
			throw new IllegalArgumentException("bad file id");
		}
		return root.resolve(id.substring(0, 2)).resolve(id);
	}

	/** The last path segment, without control characters, at most 255 characters. */
	static String cleanName(String name) {
		if (name == null || name.isBlank()) {
			return "file";
		}
		String s = name.replace('\\', '/');
		s = s.substring(s.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").trim();
		return s.isEmpty() ? "file" : truncate(s, 255);
	}

	private static String truncate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException e) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException e) {
			log.warn("could not delete {}: {}", path, e.getMessage());
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}

	private static StoredFile map(ResultSet rs, int n) throws SQLException {
		return new StoredFile(rs.getString("id"), rs.getString("name"), rs.getString("content_type"), rs.getLong("size_bytes"),
				rs.getString("sha256"), rs.getString("owner"), FilePurpose.valueOf(rs.getString("purpose")),
				Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"));
	}

	/** Counts the bytes that pass through. */
	private static final class CountingOutputStream extends java.io.FilterOutputStream {

		private long count;

		CountingOutputStream(OutputStream out) {
			super(out);
		}

		@Override
		public void write(int b) throws IOException {
			out.write(b);
			count++;
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
			count += len;
		}

		long count() {
			return count;
		}
	}
}
