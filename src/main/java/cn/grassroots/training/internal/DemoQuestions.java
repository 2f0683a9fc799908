package cn.grassroots.training.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The demo's question bank: 50 questions on the programme's topics — 30 single choice, 10 multiple
 * choice, 8 true/false, 2 short answers (the last two, so the final test has some to mark).
 */
final class DemoQuestions {

	private DemoQuestions() {
	}

	/** kind | topic | stem | options (";"-separated, empty for none) | answer | max mark */
	private static final String[] ROWS = {
			"SINGLE|GRASSROOTS_GOVERNANCE|党建引领基层治理的根本是坚持和加强什么？|党的全面领导;行政力量;市场机制;社会组织|A|2",
			"SINGLE|GRID_MANAGEMENT|网格化管理服务中，网格划分一般以多少户左右为宜？|50户;300户;1000户;3000户|B|2",
			"SINGLE|SERVICE_CENTRE|党群服务中心建设的首要功能定位是？|商业经营;政治功能和服务功能;娱乐休闲;行政审批|B|2",
			"SINGLE|PROPERTY_PARTY_BUILDING|推动物业服务企业党建联建，主要由谁牵头协调？|街道社区党组织;物业公司;业主个人;开发商|A|2",
			"SINGLE|DISCIPLINE|《中国共产党纪律处分条例》规定的纪律处分种类有几种？|三种;四种;五种;六种|C|2",
			"SINGLE|DISPUTE_RESOLUTION|新时代\"枫桥经验\"强调矛盾纠纷在哪里化解？|上级机关;基层和萌芽状态;法院;媒体|B|2",
			"SINGLE|PUBLIC_OPINION|网络舆情处置的首要原则是？|及时回应、实事求是;一律删帖;不予理睬;推给上级|A|2",
			"SINGLE|EMERGENCY_RESPONSE|社区突发事件应对中，第一时间应当做的是？|保护现场、报告并组织群众避险;等待通知;发布朋友圈;追究责任|A|2",
			"SINGLE|MASS_WORK|\"走动式工作法\"的核心是？|变\"等上门\"为\"登上门\";增加会议;多发文件;减少走访|A|2",
			"SINGLE|GRASSROOTS_GOVERNANCE|破解基层治理\"小马拉大车\"问题，关键在于？|明晰权责、减负增能;增加考核;增加台账;延长工时|A|2",
			"SINGLE|GRID_MANAGEMENT|专职网格员的主要职责不包括？|信息采集;矛盾排查;代替执法部门执法;服务群众|C|2",
			"SINGLE|SERVICE_CENTRE|党群服务中心开放时间安排应遵循什么原则？|方便群众;方便工作人员;只在工作日;只在节假日|A|2",
			"SINGLE|PROPERTY_PARTY_BUILDING|\"红色物业\"的主要目标是？|提高物业费;把物业服务融入基层治理;替代居委会;减少业主参与|B|2",
			"SINGLE|DISCIPLINE|党员受到警告处分，多长时间内不得在党内提升职务？|半年;一年;一年半;两年|B|2",
			"SINGLE|DISPUTE_RESOLUTION|人民调解委员会调解民间纠纷是否收费？|收取少量费用;不收费;按标的收费;视情况而定|B|2",
			"SINGLE|PUBLIC_OPINION|社区工作群发布信息应当注意？|核实来源、准确发布;随意转发;只发通知;越多越好|A|2",
			"SINGLE|EMERGENCY_RESPONSE|社区应急预案应当多久组织一次演练？|从不演练;定期演练;发生后再演练;上级检查时|B|2",
			"SINGLE|MASS_WORK|\"万步群众工作法\"主要体现了什么工作作风？|深入群众、脚踏实地;坐等上门;文山会海;层层加码|A|2",
			"SINGLE|PARTY_THEORY|党的基层组织是党在社会基层组织中的什么？|战斗堡垒;行政机构;经济组织;群众团体|A|2",
			"SINGLE|GRASSROOTS_GOVERNANCE|\"吹哨报到\"改革中\"吹哨\"的主体是？|街道乡镇;区级部门;市级部门;企业|A|2",
			"SINGLE|GRID_MANAGEMENT|\"微网实格\"中的\"微网格\"一般覆盖多少户？|30户左右;300户左右;3000户左右;一个街道|A|2",
			"SINGLE|SERVICE_CENTRE|党群服务中心\"去行政化\"要求减少什么？|办公面积;服务功能;活动空间;志愿者|A|2",
			"SINGLE|PROPERTY_PARTY_BUILDING|业主委员会成员中党员比例应当？|逐步提高;尽量降低;无要求;全部为党员|A|2",
			"SINGLE|DISCIPLINE|违反中央八项规定精神属于违反哪类纪律？|廉洁纪律;群众纪律;工作纪律;生活纪律|A|2",
			"SINGLE|DISPUTE_RESOLUTION|矛盾纠纷排查化解的基本单元是？|网格;省;市;县|A|2",
			"SINGLE|PUBLIC_OPINION|涉社区负面舆情，应当在多长时间内作出初步回应？|尽快、黄金时间内;一个月;不回应;年底总结时|A|2",
			"SINGLE|EMERGENCY_RESPONSE|独居老人等重点人群在应急中应当？|建立台账、包保联系;无需关注;交给物业;交给亲属|A|2",
			"SINGLE|MASS_WORK|开展群众工作，首先要？|了解群众需求;完成考核指标;多开会;多拍照留痕|A|2",
			"SINGLE|PARTY_THEORY|社区党组织书记抓党建的第一责任是？|全面从严治党主体责任;经济指标;招商引资;拆迁|A|2",
			"SINGLE|GRASSROOTS_GOVERNANCE|社区工作事项准入制度的目的是？|为基层减负;增加任务;增加编制;增加考核|A|2",
			"MULTIPLE|GRID_MANAGEMENT|网格员日常工作包括哪些？|信息采集;隐患排查;政策宣传;代收物业费|A,B,C|3",
			"MULTIPLE|SERVICE_CENTRE|党群服务中心应具备的功能有？|党员教育;政务服务;文化活动;商品销售|A,B,C|3",
			"MULTIPLE|PROPERTY_PARTY_BUILDING|物业党建联建机制通常包括？|联席会议;交叉任职;共驻共建;收费分成|A,B,C|3",
			"MULTIPLE|DISCIPLINE|党的六项纪律包括？|政治纪律;组织纪律;廉洁纪律;市场纪律|A,B,C|3",
			"MULTIPLE|DISPUTE_RESOLUTION|化解邻里纠纷可以采用？|人民调解;说理评理;\"三官一律\"进社区;置之不理|A,B,C|3",
			"MULTIPLE|PUBLIC_OPINION|网络舆情处置的要点有？|快速反应;信息公开;依法处置;封锁消息|A,B,C|3",
			"MULTIPLE|EMERGENCY_RESPONSE|社区应急物资储备应包括？|防汛物资;医疗急救用品;应急照明;办公家具|A,B,C|3",
			"MULTIPLE|MASS_WORK|密切联系群众的有效方式有？|入户走访;议事协商;微心愿认领;只在网上发通知|A,B,C|3",
			"MULTIPLE|GRASSROOTS_GOVERNANCE|为基层减负的举措有？|精简填表报数;规范挂牌;清理工作群;增加督查|A,B,C|3",
			"MULTIPLE|PARTY_THEORY|在职党员\"双报到\"是指向哪里报到？|向社区党组织报到;向居住地社区报到;向物业公司报到;向业委会报到|A,B|3",
			"TRUE_FALSE|GRASSROOTS_GOVERNANCE|社区党组织是社区各类组织和各项工作的领导核心。||T|1",
			"TRUE_FALSE|GRID_MANAGEMENT|网格员可以代替执法部门开展行政执法。||F|1",
			"TRUE_FALSE|SERVICE_CENTRE|党群服务中心可以出租给商户经营以增加收入。||F|1",
			"TRUE_FALSE|DISCIPLINE|党员受到留党察看处分期间没有表决权。||T|1",
			"TRUE_FALSE|DISPUTE_RESOLUTION|人民调解达成的协议具有法律约束力。||T|1",
			"TRUE_FALSE|PUBLIC_OPINION|遇到负面舆情，最好的办法是删帖封堵。||F|1",
			"TRUE_FALSE|EMERGENCY_RESPONSE|社区应急预案只需制定，不必演练。||F|1",
			"TRUE_FALSE|MASS_WORK|\"微心愿\"认领是联系服务群众的有效载体。||T|1",
			"SHORT|GRASSROOTS_GOVERNANCE|结合本社区实际，谈谈如何用党建引领整合网格、物业和志愿服务力量。||参考要点：党组织统筹；网格划分与人员配备；物业党建联建；志愿服务常态化；问题清单与闭环处置|10",
			"SHORT|MASS_WORK|请写出你回到社区后\"照单落实\"成果转化清单的三项具体措施。||参考要点：措施具体、责任到人、时限明确、预期成效可衡量|10" };

	static List<ExamService.QuestionDraft> all() {
		List<ExamService.QuestionDraft> drafts = new ArrayList<>();
		for (String row : ROWS) {
			String[] f = row.split("\\|", -1);
			List<String> options = f[3].isEmpty() ? List.of() : Arrays.asList(f[3].split(";"));
			drafts.add(new ExamService.QuestionDraft(QuestionKind.valueOf(f[0]), f[2], options, f[4],
					TopicCategory.valueOf(f[1]), new BigDecimal(f[5])));
		}
		return drafts;
	}
}
