package cn.grassroots.org.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Function;

import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.files.FileStore;
import cn.grassroots.platform.files.StoredFile;
import cn.grassroots.platform.jobs.JobFailedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the roster jobs share: their kinds, their parameters, a local copy of the upload, the audit region. */
final class RosterJobs {

	static final String VALIDATE = "ROSTER_VALIDATE";
	static final String IMPORT = "ROSTER_IMPORT";
	static final String EXPORT = "ROSTER_EXPORT";

	static final JsonMapper JSON = JsonMapper.builder().build();

	private RosterJobs() {
	}

	static String importParameters(long importId) {
		return JSON.writeValueAsString(java.util.Map.of("importId", importId));
	}

	static long importId(String parameters) {
		try {
			JsonNode node = JSON.readTree(parameters);
			JsonNode id = node == null ? null : node.get("importId");
			if (id == null || !id.canConvertToLong()) {
				throw new JobFailedException("job.failed.invalid");
			}
			return id.asLong();
		}
		catch (RuntimeException e) {
			if (e instanceof JobFailedException) {
				throw e;
			}
			throw new JobFailedException("job.failed.invalid");
		}
	}

	/** Runs the work on a temporary copy of the import's upload; the upload must still be held. */
	static <T> T withUpload(FileStore files, RosterImport imp, Function<Path, T> work) {
		StoredFile file = files.find(imp.fileId())
			.filter(f -> !f.expiredAt(Instant.now()))
			.orElseThrow(() -> new JobFailedException("import.gone"));
		Path copy = null;
		try {
			copy = Files.createTempFile("roster-import-", ".xlsx");
			try (InputStream in = files.open(file)) {
				Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
			}
			return work.apply(copy);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		finally {
			if (copy != null) {
				try {
					Files.deleteIfExists(copy);
				}
				catch (IOException e) {
					// the temporary directory is cleaned by the system
				}
			}
		}
	}

	/** The deepest region holding all the codes (for the audit record), or null when they span provinces. */
	static Long commonRegion(Collection<Long> codes) {
		if (codes.isEmpty()) {
			return null;
		}
		String min = Long.toString(codes.stream().mapToLong(Long::longValue).min().orElseThrow());
		String max = Long.toString(codes.stream().mapToLong(Long::longValue).max().orElseThrow());
		for (int length : new int[] { 12, 9, 6, 4, 2 }) {
			if (min.regionMatches(0, max, 0, length)) {
				return RegionCode.parse(min.substring(0, length)).value();
			}
		}
		return null;
	}
}
