"""The relevance corpus: short stories on varied subjects, written for these tests.

Each story is a key, a section, how many days ago it went live (newer stories
win ties), and its Arabic fields; some carry an English edition. The sample
story of the demo newsroom (key ``sample``) is added to these when the corpus
is loaded, as the site's own everyday story.

Names of people are invented. The stories put side by side words that a
careless stemmer confuses (كتائب and التائب, الثورة and ثور, قناة and قنا,
زيت and الزيتون ...), each in a story of its own, so that a query for one
that finds the other is counted as a false hit.
"""

SECTIONS = {
    "politics": ("سياسة", "Politics"),
    "economy": ("اقتصاد", "Economy"),
    "sport": ("رياضة", "Sport"),
    "culture": ("ثقافة", "Culture"),
    "science": ("علوم وصحة", "Science and health"),
    "local": ("محليات", "Local"),
    "world": ("العالم", "World"),
}

STORIES = [
    {
        "key": "brigades",
        "section": "local",
        "days": 3,
        "headline": "كتائب من المتطوعين تساعد في إطفاء حرائق الغابات قرب اللاذقية",
        "standfirst": "مئات الشبان انضموا إلى فرق الدفاع المدني",
        "body": "انضمت كتائب من المتطوعين إلى فرق الدفاع المدني لإخماد الحرائق التي اندلعت في غابات ريف "
        "اللاذقية منذ ثلاثة أيام. وقال مسؤول محلي إن النيران التهمت نحو 450 هكتارا من أشجار الصنوبر.",
    },
    {
        "key": "repentant",
        "section": "culture",
        "days": 10,
        "headline": "رواية «التائب» للكاتبة سلمى الحسيني تفوز بجائزة الشارقة",
        "standfirst": "لجنة التحكيم أشادت بلغة الرواية وبنائها",
        "body": "فازت الكاتبة الأردنية سلمى الحسيني بجائزة الشارقة للإبداع عن روايتها «التائب» التي تروي "
        "حكاية رجل يعود إلى قريته بعد عشرين عاما في السجن. وتسلمت الحسيني الجائزة في حفل أقيم مساء الخميس.",
    },
    {
        "key": "promises",
        "section": "economy",
        "days": 5,
        "headline": "الحكومة المصرية تجدد وعودها بخفض أسعار الخبز",
        "standfirst": "وزير التموين: الدعم باق حتى نهاية العام",
        "body": "جدد وزير التموين كمال الشناوي وعود الحكومة بخفض أسعار الخبز المدعوم خلال الأشهر المقبلة. "
        "وقال في مؤتمر صحفي بالقاهرة إن مخزون القمح يكفي ستة أشهر على الأقل.",
    },
    {
        "key": "flights",
        "section": "world",
        "days": 2,
        "headline": "عودة الرحلات الجوية بين بيروت ودمشق بعد توقف دام عامين",
        "standfirst": "أول طائرة تهبط في مطار دمشق الدولي صباح الأحد",
        "body": "هبطت أول طائرة ركاب قادمة من بيروت في مطار دمشق الدولي صباح الأحد، معلنة عودة الرحلات "
        "الجوية بين البلدين. وقالت شركة الطيران إنها ستسير ثلاث رحلات أسبوعيا.",
        "en": {
            "headline": "Flights between Beirut and Damascus resume after two years",
            "standfirst": "The first airliner lands at Damascus International Airport on Sunday morning",
            "body": "The first passenger plane from Beirut landed at Damascus International Airport on Sunday, "
            "marking the return of flights between the two countries. The airline said it would run three "
            "flights a week.",
        },
    },
    {
        "key": "lebanon-vote",
        "section": "politics",
        "days": 8,
        "headline": "لبنان يستعد لانتخابات بلدية في أيار المقبل",
        "standfirst": "وزارة الداخلية تفتح باب الترشح",
        "body": "أعلنت وزارة الداخلية اللبنانية فتح باب الترشح للانتخابات البلدية والاختيارية التي ستجري "
        "في أيار المقبل. ودعا الوزير المرشحين إلى تقديم طلباتهم قبل نهاية الشهر.",
    },
    {
        "key": "dairy",
        "section": "economy",
        "days": 12,
        "headline": "مصنع ألبان في المنوفية يضاعف إنتاجه من اللبن والجبن",
        "standfirst": "استثمارات جديدة بقيمة 40 مليون جنيه",
        "body": "ضاعف مصنع للألبان في محافظة المنوفية إنتاجه اليومي من اللبن والجبن الأبيض بعد استثمارات "
        "بلغت 40 مليون جنيه. ويوفر المصنع نحو 300 فرصة عمل لأبناء القرى المجاورة.",
    },
    {
        "key": "damascus-fair",
        "section": "economy",
        "days": 20,
        "headline": "سوريا تستضيف معرض دمشق الدولي بمشاركة ثلاثين دولة",
        "standfirst": "المعرض يعود بعد انقطاع طويل",
        "body": "افتتح في العاصمة السورية معرض دمشق الدولي بمشاركة شركات من ثلاثين دولة عربية وأجنبية. "
        "ويستمر المعرض عشرة أيام، ويتوقع المنظمون أن يزوره مليون شخص.",
        "en": {
            "headline": "Syria hosts the Damascus International Fair with thirty countries",
            "standfirst": "The fair is back after a long break",
            "body": "The Damascus International Fair opened in the Syrian capital with companies from thirty "
            "Arab and foreign countries. It runs for ten days and the organisers expect a million visitors.",
        },
    },
    {
        "key": "fez-wall",
        "section": "culture",
        "days": 25,
        "headline": "ترميم سور فاس القديم يكشف عن نقوش من العصر المريني",
        "standfirst": "أعمال الترميم تشمل ثلاثة أبواب تاريخية",
        "body": "كشفت أعمال ترميم السور التاريخي لمدينة فاس المغربية عن نقوش تعود إلى العصر المريني. "
        "وقال مدير المشروع إن الترميم يشمل ثلاثة أبواب ويستغرق عامين.",
    },
    {
        "key": "taif-hospital",
        "section": "science",
        "days": 6,
        "headline": "رجل الأعمال فيصل العتيبي يتبرع بمستشفى للأطفال في الطائف",
        "standfirst": "المستشفى يضم 120 سريرا ووحدة للعناية المركزة",
        "body": "افتتح رجل الأعمال فيصل العتيبي مستشفى للأطفال في مدينة الطائف بتكلفة 90 مليون ريال. "
        "ويضم المستشفى 120 سريرا ووحدة للعناية المركزة لحديثي الولادة.",
    },
    {
        "key": "fast-train",
        "section": "local",
        "days": 4,
        "headline": "القطار السريع يصل إلى المدينة المنورة في ساعتين",
        "standfirst": "الخط الجديد يختصر الرحلة من جدة إلى النصف",
        "body": "يصل القطار السريع من جدة إلى المدينة المنورة في ساعتين فقط بعد تشغيل الخط الجديد. "
        "وقالت هيئة النقل إن القطار يتسع لـ 400 راكب في كل رحلة.",
    },
    {
        "key": "gulf-cup",
        "section": "sport",
        "days": 3,
        "headline": "فراس المطيري يقود الكويت للفوز على عمان في كأس الخليج",
        "standfirst": "هدفان في الشوط الثاني حسما المباراة",
        "body": "سجل المهاجم فراس المطيري هدفين في الشوط الثاني ليقود منتخب الكويت إلى الفوز على عمان 2-1 "
        "في كأس الخليج. ورفع المطيري رصيده إلى خمسة أهداف في البطولة.",
        "en": {
            "headline": "Firas al-Mutairi leads Kuwait past Oman in the Gulf Cup",
            "standfirst": "Two second-half goals settled the match",
            "body": "Striker Firas al-Mutairi scored twice in the second half as Kuwait beat Oman 2-1 in the "
            "Gulf Cup. He now has five goals in the tournament.",
        },
    },
    {
        "key": "new-year",
        "section": "local",
        "days": 30,
        "headline": "ألعاب نارية في رأس الخيمة احتفالا برأس السنة",
        "standfirst": "عرض استمر اثنتي عشرة دقيقة",
        "body": "أضاءت الألعاب النارية سماء رأس الخيمة احتفالا برأس السنة الجديدة في عرض استمر اثنتي عشرة "
        "دقيقة. وحضر العرض أكثر من خمسين ألف شخص.",
    },
    {
        "key": "film-festival",
        "section": "culture",
        "days": 15,
        "headline": "فيلم المخرج كريم يوسف يفتتح مهرجان القاهرة السينمائي",
        "standfirst": "الفيلم يروي قصة صياد في بحيرة المنزلة",
        "body": "يفتتح فيلم «الشبكة» للمخرج كريم يوسف الدورة الجديدة من مهرجان القاهرة السينمائي. ويروي "
        "الفيلم قصة صياد في بحيرة المنزلة يواجه خيارا صعبا بين البقاء والهجرة.",
    },
    {
        "key": "book-signing",
        "section": "culture",
        "days": 40,
        "headline": "الروائية ريم العلي توقع كتابها الجديد في معرض الرياض للكتاب",
        "standfirst": "الكتاب يجمع قصصا عن نساء الخليج",
        "body": "وقعت الروائية ريم العلي كتابها الجديد «بيت الرمل» في معرض الرياض الدولي للكتاب أمام مئات "
        "القراء. ويجمع الكتاب اثنتي عشرة قصة عن نساء من الخليج.",
    },
    {
        "key": "bourse",
        "section": "economy",
        "days": 1,
        "headline": "البورصة المصرية تربح 12 مليار جنيه في أسبوع",
        "standfirst": "أسهم البنوك تقود الصعود في سوق المال",
        "body": "ربح رأس المال السوقي للبورصة المصرية 12 مليار جنيه خلال الأسبوع الماضي بدعم من أسهم "
        "البنوك. وقال محللون إن سوق المال يستفيد من تراجع التضخم.",
        "en": {
            "headline": "Egyptian stock exchange gains 12 billion pounds in a week",
            "standfirst": "Bank shares lead the rise",
            "body": "The market capitalisation of the Egyptian stock exchange rose by 12 billion pounds last "
            "week, helped by bank shares. Analysts said the market benefits from falling inflation.",
        },
    },
    {
        "key": "actor-honoured",
        "section": "culture",
        "days": 50,
        "headline": "تكريم الفنان كمال الرفاعي في مهرجان المسرح العربي",
        "standfirst": "أكثر من أربعين عاما على خشبة المسرح",
        "body": "كرم مهرجان المسرح العربي في تونس الفنان كمال الرفاعي تقديرا لمسيرة امتدت أكثر من أربعين "
        "عاما. وقدم الرفاعي خلالها ستين عملا مسرحيا.",
    },
    {
        "key": "teacher",
        "section": "local",
        "days": 9,
        "headline": "مدرس رياضيات من أسيوط يفوز بجائزة المعلم المتميز",
        "standfirst": "ابتكر طريقة لتعليم الكسور بالألعاب",
        "body": "فاز المدرس أحمد عبد الرحيم من محافظة أسيوط بجائزة المعلم المتميز بعد أن ابتكر طريقة لتعليم "
        "الكسور بالألعاب. ويعمل عبد الرحيم في التدريس منذ خمسة عشر عاما.",
    },
    {
        "key": "girls-school",
        "section": "local",
        "days": 9,
        "headline": "افتتاح مدرسة جديدة للبنات في قرية الشيخ زايد",
        "standfirst": "المدرسة تستوعب 600 طالبة",
        "body": "افتتح محافظ الإسماعيلية مدرسة جديدة للبنات في قرية الشيخ زايد تستوعب 600 طالبة. وتضم "
        "المدرسة مكتبة ومختبرا للعلوم وملعبا.",
    },
    {
        "key": "ai-degree",
        "section": "science",
        "days": 14,
        "headline": "جامعة القاهرة تطلق برنامجا للذكاء الاصطناعي",
        "standfirst": "البرنامج يقبل مئتي طالب في عامه الأول",
        "body": "أطلقت جامعة القاهرة برنامجا جديدا لدراسة الذكاء الاصطناعي والتعلم الآلي يقبل مئتي طالب في "
        "عامه الأول. وقال رئيس الجامعة إن البرنامج يهدف إلى تلبية حاجة سوق العمل.",
        "en": {
            "headline": "Cairo University launches an artificial intelligence degree",
            "standfirst": "Two hundred students in the first year",
            "body": "Cairo University has launched a new programme in artificial intelligence and machine "
            "learning that admits two hundred students in its first year. The university's president said it "
            "answers the needs of the job market.",
        },
    },
    {
        "key": "azhar",
        "section": "culture",
        "days": 35,
        "headline": "انتهاء ترميم الجامع الأزهر بعد عامين من العمل",
        "standfirst": "إمام الجامع يؤم المصلين في أول صلاة جمعة",
        "body": "انتهت أعمال ترميم الجامع الأزهر في القاهرة بعد عامين من العمل المتواصل. وأم إمام الجامع "
        "المصلين في أول صلاة جمعة بعد الافتتاح.",
    },
    {
        "key": "manuscripts",
        "section": "culture",
        "days": 18,
        "headline": "مكتبة الإسكندرية تعرض مخطوطات نادرة عن الفلك",
        "standfirst": "المعرض يضم 75 مخطوطا من القرن الرابع عشر",
        "body": "تعرض مكتبة الإسكندرية 75 مخطوطا نادرا في علم الفلك يعود أقدمها إلى القرن الرابع عشر. "
        "ويستمر المعرض حتى نهاية الشهر المقبل.",
    },
    {
        "key": "aden-office",
        "section": "world",
        "days": 7,
        "headline": "الأمم المتحدة تفتح مكتبا جديدا في عدن",
        "standfirst": "المكتب ينسق المساعدات الإنسانية في الجنوب",
        "body": "افتتحت الأمم المتحدة مكتبا جديدا في مدينة عدن اليمنية لتنسيق المساعدات الإنسانية. وقال مدير "
        "المكتب إن الحاجة إلى الغذاء والدواء تتزايد يوما بعد يوم.",
    },
    {
        "key": "erbil-drone",
        "section": "world",
        "days": 11,
        "headline": "طائرة مسيرة تسقط قرب مطار أربيل دون إصابات",
        "standfirst": "السلطات تفتح تحقيقا في الحادث",
        "body": "سقطت طائرة مسيرة قرب مطار أربيل في إقليم كردستان العراق دون أن تسفر عن إصابات. وفتحت "
        "السلطات تحقيقا، فيما علقت شركات الطيران رحلاتها لساعات.",
        "en": {
            "headline": "Drone crashes near Erbil airport, no one hurt",
            "standfirst": "The authorities open an investigation",
            "body": "A drone came down near Erbil airport in the Kurdistan region of Iraq without causing "
            "injuries. The authorities opened an investigation and airlines suspended flights for hours.",
        },
    },
    {
        "key": "flamingo",
        "section": "science",
        "days": 22,
        "headline": "طائر الفلامنغو يعود إلى بحيرة المنزلة بأعداد كبيرة",
        "standfirst": "رصد أكثر من عشرة آلاف طائر هذا الشتاء",
        "body": "رصد باحثون أكثر من عشرة آلاف طائر من الفلامنغو في بحيرة المنزلة هذا الشتاء، وهو أكبر عدد "
        "منذ سنوات. ويعزو العلماء عودة الطيور إلى تحسن جودة المياه.",
    },
    {
        "key": "pound",
        "section": "economy",
        "days": 2,
        "headline": "الجنيه يتراجع أمام الدولار في السوق الموازية",
        "standfirst": "البنك المركزي يطمئن المستثمرين بشأن العملة",
        "body": "تراجع سعر الجنيه أمام الدولار في السوق الموازية إلى 52 جنيها للدولار الواحد. وقال البنك "
        "المركزي إن العملة المحلية ستستقر مع تدفق الاستثمارات.",
    },
    {
        "key": "jobless",
        "section": "economy",
        "days": 16,
        "headline": "نسبة البطالة بين الشباب في الأردن تبلغ 22 في المئة",
        "standfirst": "تقرير رسمي يدعو إلى إصلاح سوق العمل",
        "body": "أظهر تقرير لدائرة الإحصاءات العامة أن البطالة بين الشباب في الأردن بلغت 22 في المئة. ودعا "
        "التقرير إلى إصلاح سوق العمل وتشجيع المشاريع الصغيرة.",
    },
    {
        "key": "polio",
        "section": "science",
        "days": 5,
        "headline": "حملة تطعيم ضد شلل الأطفال تستهدف مليوني طفل في السودان",
        "standfirst": "فرق صحية تجوب القرى في دارفور",
        "body": "أطلقت وزارة الصحة السودانية بالتعاون مع منظمة الصحة العالمية حملة تطعيم ضد شلل الأطفال "
        "تستهدف مليوني طفل. وتجوب الفرق الصحية القرى النائية في ولاية دارفور.",
        "en": {
            "headline": "Polio vaccination campaign aims at two million children in Sudan",
            "standfirst": "Health teams tour the villages of Darfur",
            "body": "Sudan's health ministry and the World Health Organization launched a polio vaccination "
            "campaign aimed at two million children. Health teams are touring remote villages in Darfur state.",
        },
    },
    {
        "key": "pregnancy",
        "section": "science",
        "days": 28,
        "headline": "دراسة: الرياضة الخفيفة خلال الحمل تقلل مخاطر السكري",
        "standfirst": "الباحثون تابعوا ثلاثة آلاف امرأة",
        "body": "وجدت دراسة أجرتها جامعة الملك سعود أن الرياضة الخفيفة خلال الحمل تقلل مخاطر إصابة الأمهات "
        "بالسكري. وتابع الباحثون ثلاثة آلاف امرأة على مدى عامين.",
    },
    {
        "key": "revolution",
        "section": "politics",
        "days": 60,
        "headline": "تونس تحيي ذكرى الثورة بمسيرات في العاصمة",
        "standfirst": "آلاف المتظاهرين في شارع الحبيب بورقيبة",
        "body": "أحيا آلاف التونسيين ذكرى الثورة بمسيرات جابت شارع الحبيب بورقيبة في العاصمة. ورفع المشاركون "
        "شعارات تطالب بتحسين الأوضاع الاقتصادية وتوفير فرص العمل.",
    },
    {
        "key": "bull",
        "section": "local",
        "days": 45,
        "headline": "ثور هائج يثير الذعر في سوق الماشية بالمنيا",
        "standfirst": "الأهالي تمكنوا من السيطرة عليه بعد ساعة",
        "body": "أثار ثور هائج حالة من الذعر في سوق الماشية بمدينة المنيا صباح السبت بعد أن أفلت من صاحبه. "
        "وتمكن الأهالي من السيطرة عليه بعد ساعة دون إصابات.",
    },
    {
        "key": "telecom-deal",
        "section": "economy",
        "days": 13,
        "headline": "شركة اتصالات سعودية تستحوذ على منافس في البحرين",
        "standfirst": "الصفقة بقيمة 800 مليون دولار",
        "body": "أعلنت شركة اتصالات سعودية استحواذها على منافس في البحرين في صفقة بقيمة 800 مليون دولار. "
        "وقالت الشركة إن الصفقة تخضع لموافقة الجهات التنظيمية.",
    },
    {
        "key": "smugglers-trap",
        "section": "local",
        "days": 17,
        "headline": "الشرطة تنصب شركا لعصابة تهريب الآثار في الأقصر",
        "standfirst": "ضبط 15 قطعة أثرية",
        "body": "نصبت الشرطة شركا محكما لعصابة تهريب الآثار في الأقصر، وضبطت 15 قطعة أثرية. وأحيل المتهمون "
        "إلى المحكمة.",
    },
    {
        "key": "olives",
        "section": "economy",
        "days": 19,
        "headline": "موسم قطف الزيتون يبدأ في جنين وسط توقعات بإنتاج وفير",
        "standfirst": "المزارعون يتوقعون موسما أفضل من العام الماضي",
        "body": "بدأ المزارعون في محافظة جنين قطف الزيتون وسط توقعات بإنتاج وفير هذا العام. ويتوقع اتحاد "
        "المزارعين أن يبلغ الإنتاج عشرين ألف طن من الثمار.",
        "en": {
            "headline": "Olive harvest begins in Jenin with a good crop expected",
            "standfirst": "Farmers expect a better season than last year",
            "body": "Farmers in Jenin have begun picking olives, expecting a plentiful crop this year. The "
            "farmers' union expects twenty thousand tonnes of fruit.",
        },
    },
    {
        "key": "cooking-oil",
        "section": "economy",
        "days": 3,
        "headline": "ارتفاع أسعار زيت الطهي في الأسواق العراقية",
        "standfirst": "وزارة التجارة تعد بتوزيع حصص إضافية",
        "body": "ارتفعت أسعار زيت الطهي في أسواق بغداد والبصرة بنسبة 30 في المئة خلال شهر. ووعدت وزارة "
        "التجارة بتوزيع حصص إضافية ضمن البطاقة التموينية.",
    },
    {
        "key": "derby",
        "section": "sport",
        "days": 2,
        "headline": "الأهلي يسحق الزمالك بثلاثة أهداف نظيفة",
        "standfirst": "رامي سعد يسجل هدفين",
        "body": "فاز النادي الأهلي على غريمه الزمالك بثلاثة أهداف دون رد في قمة الدوري المصري. وسجل المدافع "
        "رامي سعد هدفين برأسه في الشوط الأول.",
    },
    {
        "key": "retires",
        "section": "sport",
        "days": 6,
        "headline": "سلمان الدوسري يعتزل اللعب الدولي",
        "standfirst": "اللاعب خاض 90 مباراة مع المنتخب",
        "body": "أعلن لاعب الوسط سلمان الدوسري اعتزاله اللعب الدولي بعد أن خاض 90 مباراة مع منتخب بلاده. "
        "وقال الدوسري إنه سيواصل اللعب مع فريقه حتى نهاية الموسم.",
    },
    {
        "key": "civil-peace",
        "section": "politics",
        "days": 33,
        "headline": "مؤتمر في بغداد يدعو إلى حماية السلم الأهلي",
        "standfirst": "زعماء عشائر ورجال دين يوقعون وثيقة مشتركة",
        "body": "دعا مؤتمر عقد في بغداد بمشاركة زعماء عشائر ورجال دين إلى حماية السلم الأهلي ونبذ العنف. "
        "ووقع المشاركون وثيقة تدعو إلى الحوار.",
    },
    {
        "key": "architecture",
        "section": "culture",
        "days": 26,
        "headline": "المهندس عمر الفاروق يفوز بجائزة الآغا خان للعمارة",
        "standfirst": "مشروعه أعاد تأهيل حي قديم في صنعاء",
        "body": "فاز المهندس اليمني عمر الفاروق بجائزة الآغا خان للعمارة عن مشروع أعاد تأهيل حي قديم في "
        "صنعاء. وقالت لجنة الجائزة إن المشروع يحترم التراث ويخدم السكان.",
    },
    {
        "key": "urban-sprawl",
        "section": "science",
        "days": 38,
        "headline": "خبراء: التوسع العمراني يهدد الأراضي الزراعية في الدلتا",
        "standfirst": "البناء العشوائي التهم آلاف الأفدنة",
        "body": "حذر خبراء من أن التوسع العمراني العشوائي يهدد الأراضي الزراعية في دلتا النيل، بعد أن التهم "
        "البناء آلاف الأفدنة خلال عشر سنوات.",
    },
    {
        "key": "civil-rights",
        "section": "world",
        "days": 23,
        "headline": "متحف في واشنطن يروي تاريخ نضال السود من أجل الحقوق المدنية",
        "standfirst": "المعرض الجديد يضم رسائل مارتن لوثر كينغ",
        "body": "افتتح متحف التاريخ الأمريكي الأفريقي في واشنطن معرضا جديدا يروي نضال السود من أجل الحقوق "
        "المدنية. ويضم المعرض رسائل لم تنشر من قبل لمارتن لوثر كينغ.",
        "en": {
            "headline": "A Washington museum tells the story of the civil rights struggle",
            "standfirst": "The new exhibition includes letters by Martin Luther King",
            "body": "The museum of African American history in Washington has opened an exhibition on the "
            "struggle of Black Americans for civil rights, with unpublished letters by Martin Luther King.",
        },
    },
    {
        "key": "sudan-talks",
        "section": "politics",
        "days": 4,
        "headline": "محادثات في جدة لوقف إطلاق النار في السودان",
        "standfirst": "الوسطاء يقترحون هدنة لمدة أسبوعين",
        "body": "استؤنفت في جدة المحادثات بين طرفي النزاع في السودان برعاية سعودية أمريكية. ويقترح الوسطاء "
        "هدنة لمدة أسبوعين تسمح بإيصال المساعدات إلى الخرطوم ودارفور. وقال والي الخرطوم إن المدينة "
        "تحتاج إلى الغذاء والدواء.",
        "en": {
            "headline": "Talks in Jeddah on a ceasefire in Sudan",
            "standfirst": "Mediators propose a two-week truce",
            "body": "Talks between the warring sides in Sudan resumed in Jeddah under Saudi and American "
            "sponsorship. The mediators propose a two-week truce to let aid reach Khartoum and Darfur.",
        },
    },
    {
        "key": "prisons",
        "section": "politics",
        "days": 21,
        "headline": "تقرير أممي ينتقد أوضاع حقوق الإنسان في السجون",
        "standfirst": "المنظمة تطالب بالإفراج عن المعتقلين",
        "body": "انتقد تقرير صادر عن مجلس حقوق الإنسان التابع للأمم المتحدة أوضاع السجون في عدد من الدول "
        "العربية. وطالب التقرير بالإفراج عن المعتقلين دون محاكمة.",
    },
    {
        "key": "tennis",
        "section": "sport",
        "days": 8,
        "headline": "التونسية أنس الشريف تبلغ نصف نهائي بطولة دبي للتنس",
        "standfirst": "فوز سهل على منافستها الروسية",
        "body": "بلغت لاعبة التنس التونسية أنس الشريف الدور نصف النهائي من بطولة دبي بعد فوز سهل على "
        "منافستها الروسية بمجموعتين دون رد.",
    },
    {
        "key": "song",
        "section": "culture",
        "days": 27,
        "headline": "المطرب موسى حداد يطلق أغنية جديدة عن الحنين إلى الوطن",
        "standfirst": "الأغنية كتبتها الشاعرة منى العبد الله",
        "body": "أطلق المطرب اللبناني موسى حداد أغنية جديدة بعنوان «يا وطن» كتبتها الشاعرة منى العبد الله. "
        "وحققت الأغنية مليون مشاهدة في يومين.",
    },
    {
        "key": "refinery",
        "section": "economy",
        "days": 31,
        "headline": "أغنى رجل في أفريقيا يستثمر في مصفاة نفط بنيجيريا",
        "standfirst": "الاستثمار يبلغ 19 مليار دولار",
        "body": "يستثمر أغنى رجل في أفريقيا 19 مليار دولار في مصفاة نفط عملاقة قرب لاغوس. ويقول إن المصفاة "
        "ستوفر آلاف الوظائف وتخفض واردات الوقود.",
    },
    {
        "key": "lawsuit",
        "section": "politics",
        "days": 12,
        "headline": "دعوى قضائية ضد وزارة البيئة بسبب تلوث نهر الأردن",
        "standfirst": "مزارعون يطالبون بتعويضات",
        "body": "رفع مزارعون في وادي الأردن دعوى قضائية ضد وزارة البيئة بسبب تلوث مياه النهر بمخلفات "
        "المصانع. ويطالب المزارعون بتعويضات عن خسائر محاصيلهم.",
    },
    {
        "key": "invitation",
        "section": "politics",
        "days": 10,
        "headline": "الرئيس الفرنسي يوجه دعوة إلى نظيره الجزائري لزيارة باريس",
        "standfirst": "الزيارة تهدف إلى طي صفحة الخلافات",
        "body": "وجه الرئيس الفرنسي دعوة رسمية إلى نظيره الجزائري لزيارة باريس في الربيع المقبل. وقال "
        "الإليزيه إن الزيارة تهدف إلى طي صفحة الخلافات بين البلدين.",
    },
    {
        "key": "top-student",
        "section": "local",
        "days": 29,
        "headline": "الطالبة هدى منصور الأولى على الثانوية العامة في الأردن",
        "standfirst": "حصلت على معدل 99.8 في المئة",
        "body": "حصلت الطالبة هدى منصور من مدينة إربد على المرتبة الأولى في امتحانات الثانوية العامة بمعدل "
        "99.8 في المئة. وقالت إنها تحلم بدراسة الطب.",
    },
    {
        "key": "postman",
        "section": "local",
        "days": 36,
        "headline": "هدية غير متوقعة لأقدم ساعي بريد في الموصل",
        "standfirst": "الأهالي جمعوا له مبلغا لأداء العمرة",
        "body": "قدم أهالي حي في الموصل هدية لأقدم ساعي بريد في المدينة بعد خدمة امتدت أربعين عاما. وجمع "
        "الأهالي مبلغا يكفي لأداء العمرة.",
    },
    {
        "key": "runner",
        "section": "sport",
        "days": 34,
        "headline": "نادية الفارس تحطم الرقم العربي في سباق 800 متر",
        "standfirst": "العداءة المغربية سجلت دقيقة و58 ثانية",
        "body": "حطمت العداءة المغربية نادية الفارس الرقم العربي في سباق 800 متر بعد أن سجلت دقيقة و58 ثانية "
        "في ملتقى الرباط. وتستعد الفارس لبطولة العالم في طوكيو.",
    },
    {
        "key": "rescue-girl",
        "section": "local",
        "days": 7,
        "headline": "فتاة في العاشرة تنقذ شقيقها من الغرق في نهر النيل",
        "standfirst": "الأهالي يطالبون بتكريمها",
        "body": "أنقذت فتاة في العاشرة شقيقها الأصغر من الغرق في نهر النيل بمدينة الأقصر. وطالب الأهالي "
        "بتكريم الفتاة على شجاعتها.",
    },
    {
        "key": "lost-climbers",
        "section": "local",
        "days": 44,
        "headline": "تاه ثلاثة متسلقين في جبال الأطلس لمدة يومين",
        "standfirst": "فرق الإنقاذ عثرت عليهم بصحة جيدة",
        "body": "تاه ثلاثة متسلقين فرنسيين في جبال الأطلس الكبير لمدة يومين قبل أن تعثر عليهم فرق الإنقاذ "
        "بصحة جيدة. وقالت السلطات المغربية إن الضباب الكثيف أعاق البحث.",
    },
    {
        "key": "suez",
        "section": "economy",
        "days": 9,
        "headline": "إيرادات قناة السويس ترتفع إلى 900 مليون دولار في شهر",
        "standfirst": "السفن الكبيرة ترجع بعد تحسن الأوضاع في البحر الأحمر",
        "body": "قال رئيس هيئة قناة السويس إن إيرادات القناة ارتفعت إلى 900 مليون دولار في الشهر الماضي. "
        "وعبرت القناة 1200 سفينة خلال الشهر.",
        "en": {
            "headline": "Suez Canal revenue rises to 900 million dollars in a month",
            "standfirst": "Large ships come back as the Red Sea calms",
            "body": "The head of the Suez Canal Authority said the canal's revenue rose to 900 million dollars "
            "last month, with 1,200 ships passing through.",
        },
    },
    {
        "key": "qena-bridge",
        "section": "local",
        "days": 41,
        "headline": "افتتاح جسر جديد على النيل في محافظة قنا",
        "standfirst": "الجسر يربط شرق المحافظة بغربها",
        "body": "افتتح وزير النقل جسرا جديدا على نهر النيل في محافظة قنا بطول 1500 متر. ويربط الجسر مدن شرق "
        "المحافظة بغربها ويختصر الطريق ساعة كاملة.",
    },
    {
        "key": "migraine",
        "section": "science",
        "days": 24,
        "headline": "طبيب: الصداع النصفي ليس ألما عاديا",
        "standfirst": "نصائح للتعامل مع النوبات",
        "body": "قال استشاري الأعصاب الدكتور مهدي الصالح إن الصداع النصفي ليس ألما عاديا بل مرض يحتاج إلى "
        "علاج منتظم. ونصح المرضى بالنوم الكافي وتجنب الإجهاد.",
    },
    {
        "key": "mosul-return",
        "section": "world",
        "days": 5,
        "headline": "عاد آلاف النازحين إلى المدينة القديمة في الموصل",
        "standfirst": "الأمم المتحدة تقدر عدد العائدين بعشرين ألفا",
        "body": "عاد آلاف النازحين إلى منازلهم في المدينة القديمة بالموصل بعد انتهاء أعمال إزالة الأنقاض. "
        "وقدرت الأمم المتحدة عدد العائدين بعشرين ألفا.",
    },
    {
        "key": "antiquities",
        "section": "culture",
        "days": 55,
        "headline": "العراق مهد الحضارات يستعيد آلاف القطع الأثرية المسروقة",
        "standfirst": "الولايات المتحدة تعيد 17 ألف قطعة",
        "body": "استعاد العراق نحو 17 ألف قطعة أثرية هربت إلى الولايات المتحدة، في أكبر عملية إعادة للآثار إلى "
        "مهد الحضارات. وقال وزير الثقافة إن القطع ستعرض في المتحف الوطني ببغداد.",
        "en": {
            "headline": "Iraq, cradle of civilisations, recovers thousands of stolen antiquities",
            "standfirst": "The United States returns 17,000 pieces",
            "body": "Iraq has recovered some 17,000 antiquities smuggled to the United States, the largest "
            "return of its kind. The culture minister said they will go on show in the National Museum in "
            "Baghdad.",
        },
    },
    {
        "key": "coach",
        "section": "sport",
        "days": 1,
        "headline": "المدرب فوزي الهمامي: الفوز على المغرب ليس مستحيلا",
        "standfirst": "المنتخب التونسي يواجه المغرب في نصف النهائي",
        "body": "قال مدرب المنتخب التونسي فوزي الهمامي إن الفوز على المغرب في نصف نهائي كأس العرب ليس "
        "مستحيلا. وأضاف أن اللاعبين في حالة جيدة.",
    },
    {
        "key": "medal",
        "section": "politics",
        "days": 32,
        "headline": "منح وسام الاستحقاق لعشرة من عمال الإنقاذ",
        "standfirst": "العمال أنقذوا عشرات العالقين بعد انهيار مبنى",
        "body": "منح رئيس الوزراء وسام الاستحقاق لعشرة من عمال الإنقاذ الذين انتشلوا عشرات العالقين من تحت "
        "أنقاض مبنى منهار في الإسكندرية.",
    },
    {
        "key": "gas-leak",
        "section": "local",
        "days": 15,
        "headline": "تسرب غاز سام من مصنع كيماويات في حمص",
        "standfirst": "نقل 35 شخصا إلى المستشفى",
        "body": "نقل 35 شخصا إلى المستشفى بعد تسرب غاز سام من مصنع للكيماويات في مدينة حمص السورية. وقال "
        "الدفاع المدني إن الوضع تحت السيطرة.",
    },
    {
        "key": "painting",
        "section": "culture",
        "days": 48,
        "headline": "حيرة النقاد أمام لوحة مجهولة في متحف بيروت",
        "standfirst": "خبراء يختلفون حول نسبة اللوحة إلى رسام لبناني",
        "body": "أثارت لوحة مجهولة التوقيع في متحف سرسق ببيروت حيرة النقاد، إذ يرى بعضهم أنها لرسام لبناني "
        "من القرن التاسع عشر. ويعتزم المتحف فحص اللوحة في مختبر بباريس.",
    },
    {
        "key": "rabat-summit",
        "section": "politics",
        "days": 42,
        "headline": "قمة الرباط تدعو إلى الوحدة الاقتصادية المغاربية",
        "standfirst": "القادة يتفقون على إزالة الحواجز الجمركية خلال عشر سنوات",
        "body": "دعا القادة المجتمعون في قمة الرباط إلى الوحدة الاقتصادية بين الدول المغاربية، واتفقوا على "
        "إزالة الحواجز الجمركية خلال عشر سنوات.",
        "en": {
            "headline": "Rabat summit calls for Maghreb economic unity",
            "standfirst": "Leaders agree to lift customs barriers within ten years",
            "body": "Leaders meeting in Rabat called for economic unity between the Maghreb countries and "
            "agreed to remove customs barriers within ten years.",
        },
    },
    {
        "key": "kashmir",
        "section": "world",
        "days": 13,
        "headline": "تصاعد حدة التوتر على الحدود بين الهند وباكستان",
        "standfirst": "تبادل لإطلاق النار في كشمير",
        "body": "تصاعدت حدة التوتر على الحدود بين الهند وباكستان بعد تبادل لإطلاق النار في إقليم كشمير. "
        "ودعا الأمين العام للأمم المتحدة البلدين إلى ضبط النفس.",
    },
    {
        "key": "libya-graves",
        "section": "world",
        "days": 20,
        "headline": "بعثة أممية تحقق في وجود مقابر جماعية في ليبيا",
        "standfirst": "وكيل الأمين العام: الأدلة تحتاج إلى وقت",
        "body": "وصلت بعثة تابعة للأمم المتحدة إلى مدينة ترهونة الليبية للتحقيق في وجود مقابر جماعية. وقال "
        "وكيل الأمين العام إن جمع الأدلة يحتاج إلى وقت.",
        "en": {
            "headline": "UN mission investigates mass graves in Libya",
            "standfirst": "Under-secretary-general: gathering evidence takes time",
            "body": "A United Nations mission arrived in the Libyan town of Tarhuna to investigate mass graves. "
            "The under-secretary-general said gathering the evidence would take time.",
        },
    },
    {
        "key": "farmer-rice",
        "section": "economy",
        "days": 37,
        "headline": "فلاح من الشرقية يزرع الأرز بنصف كمية المياه",
        "standfirst": "تقنية جديدة تنتشر في قرى الدلتا",
        "body": "نجح فلاح من محافظة الشرقية في زراعة الأرز بنصف كمية المياه المعتادة باستخدام تقنية الري "
        "بالتنقيط. وبدأ جيرانه في القرى المجاورة تقليد تجربته.",
    },
    {
        "key": "committees",
        "section": "politics",
        "days": 26,
        "headline": "البرلمان العراقي يشكل لجان تحقيق في صفقات الكهرباء",
        "standfirst": "النواب يطالبون بمحاسبة المسؤولين",
        "body": "صوت البرلمان العراقي على تشكيل ثلاث لجان للتحقيق في صفقات الكهرباء خلال السنوات الماضية. "
        "وطالب النواب بمحاسبة المسؤولين عن انقطاع التيار في الصيف.",
    },
    {
        "key": "well",
        "section": "local",
        "days": 52,
        "headline": "حفر بئر جديدة توفر مياه الشرب لقرى في الصحراء",
        "standfirst": "المشروع ممول من جمعية خيرية كويتية",
        "body": "انتهت جمعية خيرية كويتية من حفر بئر جديدة توفر مياه الشرب لخمس قرى في صحراء النقب. ويبلغ "
        "عمق البئر 200 متر.",
    },
]
