package cn.grassroots.training.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;
import cn.grassroots.platform.web.NavigationSection;
import cn.grassroots.training.internal.HeadTeacherDesk;
import cn.grassroots.training.internal.TraineeDesk;

/** The 培训 group of the side navigation: the programme list for TRAINING_READ holders. */
@Component
class TrainingNavigation implements NavigationSection {

	private final CurrentUser user;
	private final TraineeDesk trainee;
	private final HeadTeacherDesk headTeacher;

	TrainingNavigation(CurrentUser user, TraineeDesk trainee, HeadTeacherDesk headTeacher) {
		this.user = user;
		this.trainee = trainee;
		this.headTeacher = headTeacher;
	}

	@Override
	public String titleKey() {
		return "training.nav.title";
	}

	@Override
	public int order() {
		return 20;
	}

	@Override
	public List<Entry> entries() {
		List<Entry> entries = new ArrayList<>();
		if (user.has(Permission.TRAINING_READ)) {
			entries.add(new Entry("training.nav.programmes", "/training/programmes"));
			entries.add(new Entry("trainingDesk.nav.hours", "/training/hours"));
		}
		if (user.principalIfAny().map(p -> p.personId() != null).orElse(false)) {
			entries.add(new Entry("trainingDesk.nav.myRecord", "/training/record"));
		}
		// the phone pages of trainees and head teachers, for the people they concern
		if (trainee.enrolledAnywhere()) {
			entries.add(new Entry("phone.nav.mine", "/training/me"));
		}
		if (headTeacher.leadsAny()) {
			entries.add(new Entry("phone.nav.teach", "/training/teach"));
		}
		return entries;
	}
}
