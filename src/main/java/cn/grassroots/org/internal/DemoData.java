package cn.grassroots.org.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.grassroots.org.Gender;
import cn.grassroots.org.GridKind;
import cn.grassroots.org.IdNumbers;
import cn.grassroots.org.PartyOrganisationKind;
import cn.grassroots.org.PostType;
import cn.grassroots.org.UnitKind;
import cn.grassroots.platform.RegionCode;
import cn.grassroots.platform.audit.AuditLog;
import cn.grassroots.platform.security.AccountStore;
import cn.grassroots.platform.security.Grant;
import cn.grassroots.platform.security.Role;

/**
 * The demo: units (Ningxia's 23 coordination-mechanism member units among them), party
 * organisations, grids in a few communities, a few hundred people with posts over both
 * provinces, and the demo accounts listed in README.md. Deterministic, so tests can rely on it.
 */
@Component
public class DemoData {

	public static final String[] NINGXIA_MEMBER_UNITS = { "自治区党委组织部", "自治区党委社会工作部", "自治区党委宣传部",
			"自治区党委政法委员会", "自治区党委网络安全和信息化委员会办公室", "自治区党委机构编制委员会办公室", "自治区发展和改革委员会", "自治区教育厅",
			"自治区公安厅", "自治区民政厅", "自治区司法厅", "自治区财政厅", "自治区人力资源和社会保障厅", "自治区自然资源厅", "自治区住房和城乡建设厅",
			"自治区农业农村厅", "自治区卫生健康委员会", "自治区应急管理厅", "自治区市场监督管理局", "自治区信访局", "自治区医疗保障局", "自治区总工会",
			"自治区妇女联合会" };

	static final long HLJ = 230000000000L;
	static final long NX = 640000000000L;
	static final long HARBIN = 230100000000L;
	static final long ZHAOLIN = 230102001000L;
	static final long SHENGBAOSHE = 230102001001L;

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);
	private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
	private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红鹏辉建国志强海燕春梅立新宏伟晓东文博雪梅国庆丽华建华永刚淑珍";

	private final JdbcClient jdbc;
	private final StructureRepository structure;
	private final GridRepository grids;
	private final PersonRepository people;
	private final PersonService personService;
	private final AccountStore accounts;
	private final PasswordEncoder encoder;
	private final AuditLog audit;
	private final Random random = new Random(2026);

	DemoData(JdbcClient jdbc, StructureRepository structure, GridRepository grids, PersonRepository people, PersonService personService,
			AccountStore accounts, PasswordEncoder encoder, AuditLog audit) {
		this.jdbc = jdbc;
		this.structure = structure;
		this.grids = grids;
		this.people = people;
		this.personService = personService;
		this.accounts = accounts;
		this.encoder = encoder;
		this.audit = audit;
	}

	/** Writes the demo once, into a roster that has nobody yet. */
	@Transactional
	public boolean loadIfEmpty(String password) {
		if (people.count() > 0 || accounts.exists("sys-admin")) {
			return false;
		}
		Map<String, Long> units = units();
		partyOrganisations(units);
		long grid1 = structure.insertGrid("23010200100101", GridKind.GRID, SHENGBAOSHE, null, "第一网格",
				"友谊路以北、经纬街以东、西十二道街以南", 420, 12, LocalDate.of(2024, 3, 1), "demo");
		long grid2 = structure.insertGrid("23010200100102", GridKind.GRID, SHENGBAOSHE, null, "第二网格",
				"友谊路以南、经纬街以东至上游街", 386, 9, LocalDate.of(2024, 3, 1), "demo");
		long grid3 = structure.insertGrid("23010200100103", GridKind.GRID, SHENGBAOSHE, null, "第三网格", "上游街以西至买卖街", 512, 15,
				LocalDate.of(2024, 3, 1), "demo");
		structure.insertGrid("2301020010010101", GridKind.MICRO_GRID, SHENGBAOSHE, grid1, "第一网格1号微网格", "友谊路1—37号楼院",
				140, 4, LocalDate.of(2024, 3, 1), "demo");
		structure.insertGrid("2301020010010102", GridKind.MICRO_GRID, SHENGBAOSHE, grid1, "第一网格2号微网格", "友谊路39—85号楼院",
				150, 4, LocalDate.of(2024, 3, 1), "demo");
		long nxCommunity = firstCommunity(640104001000L);
		structure.insertGrid(nxCommunity + "01", GridKind.GRID, nxCommunity, null, "第一网格", "社区东片", 300, 8,
				LocalDate.of(2024, 5, 1), "demo");

		// the accounts' people
		long sysAdmin = person("周建国", HLJ, null, units.get("黑龙江省委组织部"), null);
		long auditor = person("孙丽华", HLJ, null, units.get("黑龙江省委组织部"), null);
		long hljAdmin = person("王志强", HLJ, null, units.get("黑龙江省委组织部"), PostType.ORGANISATION_DEPARTMENT_OFFICER);
		long nxAdmin = person("马海燕", NX, null, units.get("自治区党委组织部"), PostType.ORGANISATION_DEPARTMENT_OFFICER);
		long harbinAdmin = person("刘立新", HARBIN, null, units.get("哈尔滨市委组织部"), PostType.ORGANISATION_DEPARTMENT_OFFICER);
		long zhaolin = person("赵春梅", ZHAOLIN, null, null, PostType.STREET_PARTY_SECRETARY);
		long secretary = person("李淑珍", SHENGBAOSHE, null, null, PostType.COMMUNITY_PARTY_SECRETARY);
		long gridWorker = person("张晓东", SHENGBAOSHE, grid1, null, PostType.GRID_WORKER);
		long teacher = person("陈文博", HLJ, null, units.get("中共黑龙江省委党校"), PostType.PARTY_SCHOOL_TEACHER);
		long nxSocial = person("杨雪梅", NX, null, units.get("自治区党委社会工作部"), PostType.SOCIAL_WORK_DEPARTMENT_OFFICER);
		long nxCivil = person("丁永刚", NX, null, units.get("自治区民政厅"), PostType.UNIT_LIAISON);
		person("韩秀英", SHENGBAOSHE, grid2, null, PostType.GRID_WORKER);
		person("郑宏伟", SHENGBAOSHE, null, null, PostType.COMMUNITY_COMMITTEE_DIRECTOR);

		// officers of the member units
		for (String unit : NINGXIA_MEMBER_UNITS) {
			person(name(), NX, null, units.get(unit), PostType.DEPARTMENT_OFFICER);
			person(name(), NX, null, units.get(unit), PostType.UNIT_LIAISON);
		}
		// secretaries, directors and grid workers over both provinces
		int hlj = communities(HLJ, 70);
		int nx = communities(NX, 25);

		account("sys-admin", "周建国", sysAdmin, password, Grant.all(Role.SYSTEM_ADMIN), Grant.all(Role.SECURITY_ADMIN));
		account("auditor", "孙丽华", auditor, password, Grant.all(Role.AUDITOR));
		account("hlj-admin", "王志强", hljAdmin, password, Grant.region(Role.ORG_ADMIN, HLJ));
		account("nx-admin", "马海燕", nxAdmin, password, Grant.region(Role.ORG_ADMIN, NX));
		account("harbin-admin", "刘立新", harbinAdmin, password, Grant.region(Role.ORG_ADMIN, HARBIN));
		account("zhaolin-street", "赵春梅", zhaolin, password, Grant.region(Role.STREET_ADMIN, ZHAOLIN));
		account("hlj-secretary", "李淑珍", secretary, password, Grant.region(Role.COMMUNITY_SECRETARY, SHENGBAOSHE));
		account("hlj-grid", "张晓东", gridWorker, password, Grant.grid(Role.GRID_WORKER, grid1));
		account("hlj-teacher", "陈文博", teacher, password);
		account("nx-social", "杨雪梅", nxSocial, password, Grant.unit(Role.UNIT_OFFICER, units.get("自治区党委社会工作部"), false));
		account("nx-civil", "丁永刚", nxCivil, password, Grant.unit(Role.UNIT_OFFICER, units.get("自治区民政厅"), false));
		moreGrids(grid3);
		audit.action("DEMO_DATA_LOAD").actor("system", null)
			.detail("units " + units.size() + ", communities " + (hlj + nx) + ", people " + people.count()).record();
		log.info("Demo data loaded: {} units, {} people, 11 accounts", units.size(), people.count());
		return true;
	}

	private Map<String, Long> units() {
		Map<String, Long> ids = new LinkedHashMap<>();
		int i = 1;
		for (String name : NINGXIA_MEMBER_UNITS) {
			UnitKind kind = name.startsWith("自治区党委") ? UnitKind.PARTY_DEPARTMENT
					: name.endsWith("总工会") || name.endsWith("联合会") ? UnitKind.OTHER : UnitKind.GOVERNMENT_DEPARTMENT;
			ids.put(name, structure.insertUnit("64-%03d".formatted(i++), name, kind, NX, null));
		}
		// 银川市: the city's mechanism takes up the region's measures (the measures demo)
		long yinchuanOrg = structure.insertUnit("6401-001", "银川市委组织部", UnitKind.PARTY_DEPARTMENT, 640100000000L, ids.get("自治区党委组织部"));
		ids.put("银川市委组织部", yinchuanOrg);
		ids.put("银川市委社会工作部", structure.insertUnit("6401-002", "银川市委社会工作部", UnitKind.PARTY_DEPARTMENT, 640100000000L,
				ids.get("自治区党委社会工作部")));
		ids.put("银川市民政局", structure.insertUnit("6401-003", "银川市民政局", UnitKind.GOVERNMENT_DEPARTMENT, 640100000000L,
				ids.get("自治区民政厅")));
		long hljOrg = structure.insertUnit("23-001", "黑龙江省委组织部", UnitKind.PARTY_DEPARTMENT, HLJ, null);
		ids.put("黑龙江省委组织部", hljOrg);
		ids.put("黑龙江省委社会工作部", structure.insertUnit("23-002", "黑龙江省委社会工作部", UnitKind.PARTY_DEPARTMENT, HLJ, null));
		ids.put("中共黑龙江省委党校", structure.insertUnit("23-003", "中共黑龙江省委党校", UnitKind.PARTY_SCHOOL, HLJ, null));
		long harbinOrg = structure.insertUnit("2301-001", "哈尔滨市委组织部", UnitKind.PARTY_DEPARTMENT, HARBIN, hljOrg);
		ids.put("哈尔滨市委组织部", harbinOrg);
		ids.put("中共哈尔滨市委党校", structure.insertUnit("2301-002", "中共哈尔滨市委党校", UnitKind.PARTY_SCHOOL, HARBIN, null));
		ids.put("道里区委组织部", structure.insertUnit("230102-001", "道里区委组织部", UnitKind.PARTY_DEPARTMENT, 230102000000L, harbinOrg));
		ids.put("兆麟街道办事处", structure.insertUnit("230102001-001", "兆麟街道办事处", UnitKind.TOWNSHIP_OFFICE, ZHAOLIN, null));
		ids.put("哈尔滨友谊物业服务有限公司", structure.insertUnit("230102001-002", "哈尔滨友谊物业服务有限公司",
				UnitKind.PROPERTY_COMPANY, SHENGBAOSHE, null));
		ids.put("黑龙江日报社", structure.insertUnit("230102001-003", "黑龙江日报社", UnitKind.RESIDENT_UNIT, SHENGBAOSHE, null));
		ids.put("兆麟社区志愿服务协会", structure.insertUnit("230102001-004", "兆麟社区志愿服务协会", UnitKind.SOCIAL_ORGANISATION,
				ZHAOLIN, null));
		return ids;
	}

	private void partyOrganisations(Map<String, Long> units) {
		long street = structure.insertPartyOrganisation("P230102001", "中共哈尔滨市道里区兆麟街道工作委员会",
				PartyOrganisationKind.WORKING_COMMITTEE, ZHAOLIN, null, units.get("兆麟街道办事处"));
		long community = structure.insertPartyOrganisation("P230102001001", "中共哈尔滨市道里区兆麟街道省报社社区委员会",
				PartyOrganisationKind.COMMITTEE, SHENGBAOSHE, street, null);
		structure.insertPartyOrganisation("P230102001001-01", "省报社社区第一网格党支部", PartyOrganisationKind.BRANCH,
				SHENGBAOSHE, community, null);
		structure.insertPartyOrganisation("P230102001001-02", "省报社社区第二网格党支部", PartyOrganisationKind.BRANCH,
				SHENGBAOSHE, community, null);
		structure.insertPartyOrganisation("P230102001001-03", "黑龙江日报社离退休党总支", PartyOrganisationKind.GENERAL_BRANCH,
				SHENGBAOSHE, community, units.get("黑龙江日报社"));
		structure.insertPartyOrganisation("P64-001", "中共宁夏回族自治区委员会组织部机关委员会", PartyOrganisationKind.COMMITTEE, NX,
				null, units.get("自治区党委组织部"));
	}

	/** A redrawn grid (its history shows on the grid page) and the grids of a village. Draws no random numbers. */
	private void moreGrids(long grid3) {
		grids.closeVersion(grid3, 1, LocalDate.of(2025, 2, 28));
		structure.insertGridVersion(grid3, 2, "第三网格", "上游街以西至买卖街，含原第四网格透笼街片区", 498, 16,
				LocalDate.of(2025, 3, 1), "透笼街片区并入，户数按2025年入户走访核定", "demo");
		long village = jdbc.sql("SELECT MIN(code) FROM region WHERE level = 'VILLAGE' AND kind = 'VILLAGE_COMMITTEE'"
				+ " AND code BETWEEN :from AND :to")
			.param("from", HARBIN)
			.param("to", new RegionCode(HARBIN).subtreeEnd())
			.query(Long.class)
			.single();
		structure.insertGrid(village + "01", GridKind.GRID, village, null, "第一网格", "村委会驻地及东屯", 186, 0,
				LocalDate.of(2024, 4, 1), "demo");
		structure.insertGrid(village + "02", GridKind.GRID, village, null, "第二网格", "西屯、南屯", 154, 0,
				LocalDate.of(2024, 4, 1), "demo");
	}

	/** Staffs every n-th community of the province: secretary, director, grid worker; returns how many. */
	private int communities(long province, int wanted) {
		List<long[]> rows = jdbc.sql("""
				SELECT code, parent_code FROM region WHERE level = 'VILLAGE' AND kind = 'COMMUNITY'
				AND code BETWEEN :from AND :to ORDER BY code""")
			.param("from", province)
			.param("to", new RegionCode(province).subtreeEnd())
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.list();
		int step = Math.max(1, rows.size() / wanted);
		int done = 0;
		List<Long> streetsDone = new ArrayList<>();
		for (int i = 0; i < rows.size() && done < wanted; i += step) {
			long community = rows.get(i)[0];
			if (community == SHENGBAOSHE) {
				continue;
			}
			person(name(), community, null, null, PostType.COMMUNITY_PARTY_SECRETARY);
			person(name(), community, null, null, PostType.COMMUNITY_COMMITTEE_DIRECTOR);
			person(name(), community, null, null, PostType.COMMUNITY_WORKER);
			if (!streetsDone.contains(rows.get(i)[1])) {
				streetsDone.add(rows.get(i)[1]);
				person(name(), rows.get(i)[1], null, null, PostType.STREET_PARTY_SECRETARY);
			}
			done++;
		}
		return done;
	}

	private long firstCommunity(long township) {
		return jdbc.sql("SELECT MIN(code) FROM region WHERE parent_code = :t").param("t", township).query(Long.class).single();
	}

	private long person(String name, long region, Long grid, Long unit, PostType post) {
		Gender gender = random.nextBoolean() ? Gender.MALE : Gender.FEMALE;
		String idNumber = idNumber(region, gender);
		String phone = "13" + (random.nextInt(10)) + "%08d".formatted(random.nextInt(100_000_000));
		var checked = new PersonService.Checked(name, gender, IdNumbers.birthDate(idNumber), phone, idNumber,
				personService.blindIndex(idNumber), random.nextInt(10) < 7, region, grid, unit);
		long id = people.insert(personService.toStored(0, checked, 0));
		if (post != null) {
			people.addPost(id, post, region, grid, unit, LocalDate.of(2021 + random.nextInt(4), 1 + random.nextInt(12), 1), null);
		}
		return id;
	}

	/** A valid 18-digit number: the county's code, a birth date, a sequence whose parity gives the gender, the check. */
	private String idNumber(long region, Gender gender) {
		String county = Long.toString(region).substring(0, 6);
		if (county.endsWith("00")) {
			county = county.substring(0, 4) + "02";
		}
		LocalDate birth = LocalDate.of(1965 + random.nextInt(32), 1 + random.nextInt(12), 1 + random.nextInt(28));
		int seq = random.nextInt(500) * 2 + (gender == Gender.MALE ? 1 : 0);
		String first17 = county + "%04d%02d%02d".formatted(birth.getYear(), birth.getMonthValue(), birth.getDayOfMonth())
				+ "%03d".formatted(seq);
		return first17 + IdNumbers.checkCharacter(first17);
	}

	private String name() {
		String given = String.valueOf(GIVEN.charAt(random.nextInt(GIVEN.length())));
		if (random.nextBoolean()) {
			given += GIVEN.charAt(random.nextInt(GIVEN.length()));
		}
		return SURNAMES.charAt(random.nextInt(SURNAMES.length())) + given;
	}

	/** A demo account of a demo person, administered in the person's region. */
	private void account(String username, String displayName, long personId, String password, Grant... grants) {
		long homeRegion = people.stored(personId).orElseThrow().regionCode();
		long id = accounts.create(username, encoder.encode(password), displayName, personId, homeRegion, true);
		for (Grant g : grants) {
			accounts.addGrant(id, g, "system");
		}
	}
}
