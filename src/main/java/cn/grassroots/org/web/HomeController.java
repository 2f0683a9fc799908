package cn.grassroots.org.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import cn.grassroots.org.internal.PersonRepository;
import cn.grassroots.org.internal.RegionRepository;
import cn.grassroots.platform.PageRequest;
import cn.grassroots.platform.security.CurrentUser;
import cn.grassroots.platform.security.Permission;

/** 首页: headline figures inside the user's scope. */
@Controller
class HomeController {

	private final RegionRepository regions;
	private final PersonRepository people;
	private final CurrentUser user;

	HomeController(RegionRepository regions, PersonRepository people, CurrentUser user) {
		this.regions = regions;
		this.people = people;
		this.user = user;
	}

	@GetMapping("/")
	String home(Model model) {
		model.addAttribute("regionCount", regions.count());
		model.addAttribute("roots", regions.roots().size());
		if (user.has(Permission.ROSTER_READ)) {
			var scope = user.scope(Permission.ROSTER_READ);
			var criteria = new PersonRepository.Criteria(null, null, null, null, null, null);
			model.addAttribute("peopleInScope", people.list(scope, criteria, new PageRequest(0, 1), true).page().totalElements());
		}
		return "home";
	}
}
