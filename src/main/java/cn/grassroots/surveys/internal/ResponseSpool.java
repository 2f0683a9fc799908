package cn.grassroots.surveys.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The rows an import has validated, encoded, in a temporary file: pass one writes them as it checks
 * the upload, pass two reads them back to store, so the upload is parsed and checked once and never
 * held in memory whole. Binary, one record a row.
 */
final class ResponseSpool {

	/** One validated row as it will be stored. */
	record Entry(long regionCode, RespondentRole role, Instant submittedAt, String token, String closed, String numbers,
			String open) {
	}

	private ResponseSpool() {
	}

	static final class Writer implements Closeable {

		private final DataOutputStream out;
		private long count;

		Writer(Path file) throws IOException {
			this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
		}

		void write(Entry e) throws IOException {
			out.writeLong(e.regionCode());
			out.writeByte(e.role().ordinal());
			out.writeLong(e.submittedAt().getEpochSecond());
			out.writeInt(e.submittedAt().getNano());
			text(e.token());
			text(e.closed());
			text(e.numbers());
			text(e.open());
			count++;
		}

		private void text(String s) throws IOException {
			if (s == null) {
				out.writeInt(-1);
				return;
			}
			byte[] b = s.getBytes(StandardCharsets.UTF_8);
			out.writeInt(b.length);
			out.write(b);
		}

		long count() {
			return count;
		}

		@Override
		public void close() throws IOException {
			out.close();
		}
	}

	static final class Reader implements Closeable {

		private static final RespondentRole[] ROLES = RespondentRole.values();
		private final DataInputStream in;

		Reader(Path file) throws IOException {
			this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
		}

		/** The next entry, or null at the end. */
		Entry next() throws IOException {
			long region;
			try {
				region = in.readLong();
			}
			catch (EOFException end) {
				return null;
			}
			RespondentRole role = ROLES[in.readByte()];
			Instant at = Instant.ofEpochSecond(in.readLong(), in.readInt());
			return new Entry(region, role, at, text(), text(), text(), text());
		}

		private String text() throws IOException {
			int n = in.readInt();
			if (n < 0) {
				return null;
			}
			byte[] b = in.readNBytes(n);
			return new String(b, StandardCharsets.UTF_8);
		}

		@Override
		public void close() throws IOException {
			in.close();
		}
	}
}
