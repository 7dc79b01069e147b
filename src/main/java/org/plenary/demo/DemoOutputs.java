package org.plenary.demo;

import java.time.LocalDate;
import java.util.List;
import org.plenary.account.PlenaryUser;
import org.plenary.contribution.OutputAllocation;
import org.plenary.contribution.OutputDesk;
import org.plenary.contribution.OutputType;
import org.plenary.output.DeliverableDesk;
import org.plenary.output.DeliverableKind;
import org.plenary.output.LivingListDesk;
import org.plenary.output.TermDesk;
import org.springframework.context.annotation.Profile;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;

/**
 * What FG Cloud produces, from the terms of reference of Circular 114: the deliverables of its
 * clause 5 serving the second milestone (clause 18), a first draft numbered as an output document of
 * 1006-gva, the living list of clause 3 started with the bodies clause 4 names and a few of the
 * time, agreed at 1006-gva, and the first terms of clause 5's terminology and taxonomy.
 */
@Component
@Profile("demo")
class DemoOutputs {

  private static final String SECOND_MILESTONE = "Presentation of the first draft of the deliverables as identified in"
      + " clause 5 at the TSAG meeting 8-11 February 2011";

  private final UserDetailsService users;
  private final OutputDesk outputs;
  private final DeliverableDesk deliverables;
  private final LivingListDesk livingList;
  private final TermDesk terms;

  DemoOutputs(UserDetailsService users, OutputDesk outputs, DeliverableDesk deliverables, LivingListDesk livingList,
      TermDesk terms) {
    this.users = users;
    this.outputs = outputs;
    this.deliverables = deliverables;
    this.livingList = livingList;
    this.terms = terms;
  }

  void load() {
    PlenaryUser chair = (PlenaryUser) users.loadUserByUsername("chair");
    var benefits = deliverables.create("cloud", "Benefits of cloud computing from telecommunication/ICT perspectives",
        DeliverableKind.TECHNICAL_REPORT, SECOND_MILESTONE, List.of("Monique Morrow"), chair);
    deliverables.create("cloud", "Gap analysis of ITU-T standards for telecommunication/ICT to support cloud computing",
        DeliverableKind.TECHNICAL_REPORT, SECOND_MILESTONE, List.of(), chair);
    deliverables.create("cloud", "Cloud computing terminology and taxonomy", DeliverableKind.TECHNICAL_SPECIFICATION,
        SECOND_MILESTONE, List.of(), chair);
    deliverables.create("cloud", "Use cases of services and reference models for telecommunication/ICT to support"
        + " cloud computing", DeliverableKind.TECHNICAL_REPORT, SECOND_MILESTONE, List.of(), chair);
    deliverables.create("cloud", "Roadmap to guide further developments of relevant ITU-T Recommendations",
        DeliverableKind.GUIDELINE, SECOND_MILESTONE, List.of(), chair);
    var draft = outputs.allocate("cloud", "1006-gva", new OutputAllocation("Draft deliverable: benefits of cloud"
        + " computing from telecommunication/ICT perspectives", null, OutputType.DELIVERABLE_DRAFT, List.of("chair"),
        List.of()), chair);
    deliverables.addVersion("cloud", benefits.id(), draft.number(), chair);

    entry(chair, "ISO/IEC JTC 1", "SC 38 Study Group on Cloud Computing", "https://www.iso.org/committee/601355.html",
        "Cloud computing standardization landscape, terminology");
    entry(chair, "DMTF", "Open Cloud Standards Incubator", "https://www.dmtf.org",
        "Management of cloud resources, interoperability between clouds");
    entry(chair, "Open Grid Forum", "Open Cloud Computing Interface working group (OCCI-WG)", "https://www.ogf.org",
        "An API for infrastructure as a service");
    entry(chair, "SNIA", "Cloud Storage Technical Work Group", "https://www.snia.org", "Cloud storage interfaces");
    entry(chair, "Cloud Security Alliance", null, "https://cloudsecurityalliance.org", "Security guidance for cloud computing");
    livingList.agree("cloud", "1006-gva", chair);

    var cloud = terms.propose("cloud", new TermDesk.TermDraft("cloud computing", "A model for enabling convenient,"
        + " on-demand network access to a shared pool of configurable computing resources (e.g., networks, servers,"
        + " storage, applications, and services) that can be rapidly provisioned and released with minimal management"
        + " effort or service provider interaction.", "NIST, The NIST Definition of Cloud Computing, version 15 (2009)",
        "Reused, as clause 3 of the terms of reference asks, rather than written anew.",
        "infrastructure as a service; cloud service provider"), chair);
    terms.agree("cloud", cloud.id(), "1006-gva", chair);
    terms.translate("cloud", cloud.id(), "fr", "informatique en nuage", null, chair);
    terms.propose("cloud", new TermDesk.TermDraft("infrastructure as a service", "The capability provided to the"
        + " consumer to provision processing, storage, networks and other fundamental computing resources, on which"
        + " the consumer deploys and runs software.", "NIST, The NIST Definition of Cloud Computing, version 15 (2009)",
        "Abbreviated IaaS.", "cloud computing"), chair);
    terms.propose("cloud", new TermDesk.TermDraft("cloud service provider", "An organization that makes cloud"
        + " services available to cloud service customers.", "FG Cloud", null, "cloud computing"), chair);
  }

  private void entry(PlenaryUser chair, String organization, String group, String url, String topics) {
    livingList.save("cloud", null, new LivingListDesk.EntryDraft(organization, group, url, topics,
        "Through the TSB secretariat", LocalDate.of(2010, 6, 16), null), chair);
  }
}
