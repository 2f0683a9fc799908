package cn.grassroots.surveys.internal;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A questionnaire's per-person links held in memory for one import, found by token hash: the hash's
 * 256 bits as four longs in an open-addressing table, with the link's id and what the import needs
 * to know of it, about 45 bytes a link (339,000 links: 15 MB). Reading every link once in index
 * order is far cheaper on H2 than looking up hundreds of thousands of random hashes one by one.
 */
final class LinkIndex {

	private static final byte ANONYMOUS = 1;
	private static final byte USED_ONLINE = 2;
	private static final byte IMPORTED = 4;
	private static final byte DRAFTED = 8;

	private long[] keys;
	private long[] ids;
	private byte[] flags;
	private int size;
	/** Slot → link number + 1 (0: empty); built by {@link #seal}. */
	private int[] slots;

	/** An empty index sized for about this many links. */
	LinkIndex(int expected) {
		int n = Math.max(16, expected);
		keys = new long[4 * n];
		ids = new long[n];
		flags = new byte[n];
	}

	void add(DistributionRepository.ImportLink link) {
		long[] key = key(link.tokenHash());
		if (key == null) {
			return;
		}
		if (size == ids.length) {
			ids = Arrays.copyOf(ids, size * 2);
			flags = Arrays.copyOf(flags, size * 2);
			keys = Arrays.copyOf(keys, size * 8);
		}
		System.arraycopy(key, 0, keys, 4 * size, 4);
		ids[size] = link.id();
		flags[size] = (byte) ((link.anonymous() ? ANONYMOUS : 0) | (link.usedOnline() ? USED_ONLINE : 0)
				| (link.imported() ? IMPORTED : 0) | (link.drafted() ? DRAFTED : 0));
		size++;
	}

	/** Builds the table once every link has been added. */
	LinkIndex seal() {
		int capacity = Integer.highestOneBit(Math.max(16, size * 2) - 1) << 1;
		slots = new int[capacity];
		for (int i = 0; i < size; i++) {
			int slot = slot(keys[4 * i], capacity);
			while (slots[slot] != 0) {
				slot = (slot + 1) & (capacity - 1);
			}
			slots[slot] = i + 1;
		}
		return this;
	}

	/** The link with this token hash (SHA-256 in hex, as links store it), or null. */
	DistributionRepository.ImportLink find(String tokenHash) {
		long[] key = key(tokenHash);
		if (key == null) {
			return null;
		}
		int capacity = slots.length;
		for (int slot = slot(key[0], capacity); slots[slot] != 0; slot = (slot + 1) & (capacity - 1)) {
			int i = slots[slot] - 1;
			if (keys[4 * i] == key[0] && keys[4 * i + 1] == key[1] && keys[4 * i + 2] == key[2] && keys[4 * i + 3] == key[3]) {
				byte f = flags[i];
				return new DistributionRepository.ImportLink(tokenHash, ids[i], (f & ANONYMOUS) != 0, (f & USED_ONLINE) != 0,
						(f & IMPORTED) != 0, (f & DRAFTED) != 0);
			}
		}
		return null;
	}

	int size() {
		return size;
	}

	private static int slot(long first, int capacity) {
		// the hash is uniform already: its top bits serve as the slot
		return (int) (first >>> 33) & (capacity - 1);
	}

	private static long[] key(String hex) {
		if (hex == null || hex.length() != 64) {
			return null;
		}
		try {
			return new long[] { HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32),
					HexFormat.fromHexDigitsToLong(hex, 32, 48), HexFormat.fromHexDigitsToLong(hex, 48, 64) };
		}
		catch (IllegalArgumentException e) {
			return null;
		}
	}
}
