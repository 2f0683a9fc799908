package cn.grassroots.org.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.grassroots.org.RegionKind;
import cn.grassroots.org.RegionLevel;
import cn.grassroots.platform.RegionCode;

/**
 * Loads the National Bureau of Statistics divisions (2023) shipped with the application into an
 * empty region table: Heilongjiang and Ningxia down to every village, the rest down to county.
 */
@Component
public class DivisionLoader {

	static final String[] FILES = { "divisions/heilongjiang.csv", "divisions/ningxia.csv", "divisions/provinces-cities.csv" };

	private static final Logger log = LoggerFactory.getLogger(DivisionLoader.class);

	private final JdbcTemplate jdbc;
	private final TransactionTemplate transaction;

	DivisionLoader(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
	}

	record Row(long code, String shortCode, String name, RegionLevel level, RegionKind kind, Long parent) {
	}

	/**
	 * Loads the divisions when the table is empty, in one transaction; returns how many rows were
	 * written. Uses only collaborators it was built with, so it may run on a thread of its own
	 * while the rest of the application context starts.
	 */
	public int loadIfEmpty() {
		return transaction.execute(status -> load());
	}

	private int load() {
		Long present = jdbc.queryForObject("SELECT COUNT(*) FROM region", Long.class);
		if (present != null && present > 0) {
			return 0;
		}
		long started = System.nanoTime();
		List<Row> rows = new ArrayList<>(23_000);
		for (String file : FILES) {
			rows.addAll(read(file));
		}
		Map<Long, Row> byCode = new HashMap<>(rows.size() * 2);
		Map<Long, Integer> children = new HashMap<>();
		for (Row r : rows) {
			byCode.put(r.code(), r);
			if (r.parent() != null) {
				children.merge(r.parent(), 1, Integer::sum);
			}
		}
		Map<Long, String> paths = new HashMap<>(rows.size() * 2);
		List<Object[]> batch = new ArrayList<>(rows.size());
		for (Row r : rows) {
			String path = r.parent() == null ? r.name() : paths.get(r.parent()) + " / " + r.name();
			paths.put(r.code(), path);
			batch.add(new Object[] { r.code(), r.shortCode(), r.name(), r.level().name(),
					r.kind() == null ? null : r.kind().name(), r.parent(), new RegionCode(r.code()).subtreeEnd(), path,
					children.getOrDefault(r.code(), 0) });
		}
		jdbc.batchUpdate("""
				INSERT INTO region (code, short_code, name, level, kind, parent_code, subtree_end, path, child_count)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch);
		jdbc.update("INSERT INTO person_count (region_code, people) SELECT code, 0 FROM region");
		log.info("Loaded {} administrative divisions in {} ms", batch.size(), (System.nanoTime() - started) / 1_000_000);
		return batch.size();
	}

	/** Rows come sorted by code, so a parent always precedes its children. */
	static List<Row> read(String resource) {
		List<Row> rows = new ArrayList<>();
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
			String line = in.readLine(); // header: code,name,level,parent_code
			while ((line = in.readLine()) != null) {
				if (line.isBlank()) {
					continue;
				}
				String[] f = line.split(",", -1);
				String shortCode = f[0].trim();
				RegionCode code = RegionCode.parse(shortCode);
				RegionLevel level = RegionLevel.ofShortLength(shortCode.length());
				Long parent = f[3].isBlank() ? null : RegionCode.parse(f[3].trim()).value();
				rows.add(new Row(code.value(), shortCode, f[1].trim(), level, RegionKind.of(level, shortCode), parent));
			}
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return rows;
	}
}
