//! General word lists the entity finder reads: function words, titles,
//! organisation head words, given names. Every list is a general resource of
//! the languages the dossier sees (English first, then Russian, French,
//! German, Spanish, Italian), never words picked from one corpus.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::tokens::{is_cyrillic_word, ru_stem};

/// Builds a set from whitespace-separated words.
fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

/// Builds a set of Russian stems, so that every case form of a word matches.
fn stem_set(words: &'static str) -> HashSet<String> {
    words.split_whitespace().map(ru_stem).collect()
}

/// Function words and sentence openers: a capitalised one is sentence case,
/// never a name. Lowercase; compared with the lowercased token.
static STOP: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "a an the and or but nor if then so as at by for from in into of on onto to with
     without within about above after against along among amid around before behind below
     beneath beside besides between beyond during except inside near off over since through
     throughout toward towards under until upon via while whereas although though because
     unless whether yet also however moreover furthermore nonetheless nevertheless meanwhile
     therefore thus hence indeed instead still already again finally first second third
     fourth last next today yesterday tomorrow now here there where when why how what which
     who whom whose this that these those it its he she they we i you him her them us me my
     our your their his hers one two three some many most more much few several all both each
     every any no not none other another such only even just perhaps maybe yes former latter
     late according despite given following regarding concerning including unlike like apart
     whatever whichever whoever let please dear thanks thank is are was were be been being has
     have had do does did will would shall should can could may might must there's it's
     that's what's here's let's don't doesn't isn't aren't wasn't can't won't instead rather
     similarly likewise accordingly consequently overall ultimately currently recently
     unfortunately fortunately surely clearly certainly obviously interestingly notably
     importantly revealingly undoubtedly probably possibly apparently especially particularly
     above below see read click share print photo image credit source sources note notes
     update updated chapter section part table figure page top back home menu contents
     conclusion introduction summary abstract background references bibliography
     january february march april may june july august september october november december
     jan feb mar apr jun jul aug sep sept oct nov dec
     monday tuesday wednesday thursday friday saturday sunday
     mon tue wed thu fri sat sun",
    )
});

/// Function words of the other languages the dossier sees.
static STOP_OTHER: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "и в во на с со по к ко о об обо от до из за для при без над под про через у а но
     или что чтобы как это этот эта эти этого этой том тот та те так также же ли не ни да
     нет он она оно они мы я вы ты его её ее их им ей ему после перед однако поэтому кроме
     впрочем между если когда где куда почему зачем кто какой какая какие который которая
     которые которых все всё весь вся всех ещё еще уже тоже только даже вот вместе именно
     сегодня вчера завтра сейчас теперь тогда здесь там наконец итак кстати напротив причём
     причем поскольку хотя пока либо лишь около среди вокруг вне внутри против ради согласно
     благодаря вследствие помимо многие некоторые несколько один одна одно первый второй
     январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь
     января февраля марта апреля мая июня июля августа сентября октября ноября декабря
     понедельник вторник среда четверг пятница суббота воскресенье
     le la les l un une des du de d et ou mais donc or ni car en dans sur sous par pour avec
     sans chez entre vers depuis pendant selon il elle ils elles on nous vous je ce cette ces
     cet son sa ses leur leurs qui que quoi dont où si comme quand lorsque puis ainsi aussi
     alors après avant cependant pourtant toutefois enfin déjà encore plus moins très tout
     tous toute toutes au aux lundi mardi mercredi jeudi vendredi samedi dimanche janvier
     février mars avril mai juin juillet août septembre octobre novembre décembre
     der die das den dem des ein eine einer eines einem einen und oder aber doch sondern im
     an am auf aus bei mit nach seit von vom zu zum zur für über unter vor hinter neben
     zwischen durch gegen ohne um er sie es wir ihr ich du sein seine ihre dieser diese
     dieses jener wenn als wie dass ob weil auch noch schon nur sehr nicht kein keine heute
     gestern morgen dann da hier dort man montag dienstag mittwoch donnerstag freitag samstag
     sonntag januar februar märz mai juni juli oktober dezember
     el los las unos unas y o pero sino del al con sin por para sobre desde hasta según
     durante él ella ellos ellas nosotros este esta estos estas ese esa su sus quien cuando
     donde como también ya más muy lunes martes miércoles jueves viernes sábado domingo enero
     febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
     diciembre
     il lo gli e ed ma di della dei degli delle da dal dalla alla su sul tra fra che chi
     dove se anche già più molto non lui lei loro noi questo questa quello quella suo sua
     lunedì martedì mercoledì giovedì venerdì sabato domenica gennaio febbraio aprile maggio
     giugno luglio settembre ottobre novembre dicembre",
    )
});

/// Is this word (any case) a function word or sentence opener? A word in
/// capitals is not ("US" is a country, "IT" may be a name).
pub(super) fn is_stop(word: &str) -> bool {
    let mut letters = 0;
    let mut upper = false;
    let mut lower = false;
    for c in word.chars() {
        letters += usize::from(c.is_alphabetic());
        upper |= c.is_uppercase();
        lower |= c.is_lowercase();
    }
    if letters >= 2 && !lower {
        return false;
    }
    let in_lists = |w: &str| STOP.contains(w) || STOP_OTHER.contains(w);
    if upper {
        in_lists(&word.to_lowercase())
    } else {
        in_lists(word)
    }
}

/// Lowercase words that may join the capitalised words of one name:
/// "Ministry *of* Foreign Affairs", "Charles *de* Gaulle", "Ursula *von der* Leyen".
static CONNECTORS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "of for on and the upon de da di do du des del della delle dei degli van von der den zu
     la le bin ibn al für",
    )
});

/// Is this lowercase token a connector inside names?
pub(super) fn is_connector(word: &str) -> bool {
    CONNECTORS.contains(word)
}

/// Titles and honorifics that stand before a person's name, lowercase, by
/// first word; multi-word titles come first, to match the longest.
static TITLES: LazyLock<HashMap<&'static str, Vec<Vec<&'static str>>>> = LazyLock::new(|| {
    let mut titles: Vec<Vec<&'static str>> =
        "mr|mr.|mrs|mrs.|ms|ms.|miss|dr|dr.|prof|prof.|professor|sir|dame|lord|lady|
     gen.|sen.|gov.|rep.|lt.|col.|capt.|adm.|sgt.|rev.|hon.|pres.|amb.|
     president|vice president|vice-president|president-elect|prime minister|premier|
     deputy prime minister|vice premier|vice-premier|minister|ministers|chancellor|
     secretary|secretary general|secretary-general|secretary of state|general secretary|
     press secretary|state secretary|ambassador|envoy|consul|governor|mayor|chairman|
     chairwoman|chairperson|chair|director|director general|director-general|executive director|
     chief executive|king|queen|prince|princess|emperor|empress|crown prince|pope|cardinal|
     archbishop|bishop|patriarch|metropolitan|general|admiral|colonel|lieutenant|captain|
     sergeant|marshal|field marshal|commander|senator|congressman|congresswoman|deputy|
     spokesman|spokeswoman|spokesperson|counterpart|leader|chief|sheikh|emir|sultan|shah|
     ayatollah|rabbi|imam|judge|attorney general|prosecutor|commissioner|speaker|
     academician|rector|dean|
     m.|mme|mlle|président|présidente|ministre|premier ministre|chancelier|chancelière|
     ambassadeur|secrétaire|directeur|directrice|roi|reine|général|
     herr|frau|präsident|präsidentin|bundeskanzler|bundeskanzlerin|kanzler|kanzlerin|
     ministerin|außenminister|außenministerin|bundespräsident|ministerpräsident|botschafter|
     sr.|sra.|señor|señora|presidenta|ministro|ministra|primer ministro|primera ministra|
     canciller|embajador|rey|reina|directora|secretario|secretaria|
     sig.|dott.|signor|signora|presidente del consiglio|ambasciatore|segretario"
            .split('|')
            .map(|t| t.split_whitespace().collect::<Vec<_>>())
            .filter(|t| !t.is_empty())
            .collect();
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut by_first: HashMap<&'static str, Vec<Vec<&'static str>>> = HashMap::new();
    for title in titles {
        by_first.entry(title[0]).or_default().push(title);
    }
    by_first
});

/// Russian titles, by stem, so "президента", "министром" match.
static RU_TITLES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    stem_set(
        "президент премьер-министр премьер министр глава посол губернатор председатель
     директор канцлер король королева император генерал сенатор депутат мэр спикер лидер
     господин госпожа г-н г-жа профессор академик пресс-секретарь генсек замминистра
     вице-премьер вице-президент советник помощник патриарх секретарь замглавы коллега",
    )
});

/// Words that, before "Minister" or "Secretary", make a title ("Foreign
/// Minister"), and after "Minister of" name the portfolio ("of Foreign
/// Affairs"); also the words of military and state offices ("General Staff").
static PORTFOLIO: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "foreign affairs defence defense finance economy economic economics trade industry
     justice interior home internal health education science culture energy agriculture
     labour labor transport transportation communications environment development emergency
     emergencies situations natural resources digital state security welfare social public war
     treasury commerce tourism sport sports youth family information technology regional
     staff general national investment planning housing fisheries maritime",
    )
});

/// Is this (lowercase) word one of a ministry's portfolio words?
pub(super) fn is_portfolio(word: &str) -> bool {
    PORTFOLIO.contains(word)
}

/// The longest title starting at `words[0]` (lowercased words), as a count
/// of words; 0 when none. "Foreign Minister" and other portfolio + minister
/// forms count too.
pub(super) fn title_len<S: AsRef<str>>(words: &[S]) -> usize {
    let Some(first) = words.first().map(AsRef::as_ref) else {
        return 0;
    };
    if is_cyrillic_word(first) {
        return usize::from(RU_TITLES.contains(&ru_stem(first)));
    }
    // "Foreign Minister", "Defence Secretary", "Foreign Affairs Minister".
    let portfolio = words
        .iter()
        .take_while(|w| is_portfolio(w.as_ref()))
        .count();
    if portfolio > 0
        && let Some(head) = words.get(portfolio)
        && matches!(head.as_ref(), "minister" | "ministers" | "secretary")
    {
        return portfolio + 1;
    }
    TITLES.get(first).map_or(0, |titles| {
        titles
            .iter()
            .find(|t| t.len() <= words.len() && t.iter().zip(words).all(|(a, b)| *a == b.as_ref()))
            .map_or(0, Vec::len)
    })
}

/// Titles that also start names of other things ("General Electric",
/// "Premier League", "Captain America").
pub(super) fn is_ambiguous_title(title: &str) -> bool {
    matches!(
        title,
        "general"
            | "chief"
            | "premier"
            | "deputy"
            | "speaker"
            | "leader"
            | "judge"
            | "dean"
            | "chair"
            | "head"
            | "director"
            | "captain"
            | "commander"
            | "marshal"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "emperor"
            | "empress"
            | "lord"
            | "lady"
            | "sir"
            | "dame"
            | "bishop"
            | "cardinal"
            | "governor"
            | "senator"
            | "admiral"
            | "colonel"
    )
}

/// Head words of organisations ("Council", "Ministry", "Bank") and company
/// suffixes ("Inc", "PJSC"), lowercase; a name containing one is an
/// organisation. Plurals only where the name itself is plural ("Forces",
/// "Airlines"): "the Ministries of Defense" are several, not a name.
static ORG_HEADS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("ministry council committee forum institute institution
     university bank company corporation corp corp. agency party union organization
     organisation association fund foundation group commission parliament duma government
     assembly congress senate court tribunal center centre academy school college society
     federation confederation alliance league coalition movement service office bureau
     department authority administration board chamber network press times post journal
     herald gazette tribune shimbun telegraph news television radio broadcasting airlines
     airways railways motors industries holdings petroleum steel systems technologies
     pharmaceuticals partners media telecom exchange fleet navy army forces force guard
     police inc inc. ltd ltd. llc plc pjsc jsc oao zao ooo ag gmbh nv co. theatre theater
     museum gallery library hospital club
     ministère conseil comité institut université banque agence parti fonds fondation
     groupe parlement assemblée gouvernement sénat cour
     ministerium bundesministerium rat ausschuss stiftung universität partei verband
     gesellschaft kommission regierung bundestag bundesrat agentur amt
     ministerio consejo instituto universidad banco agencia partido unión organización
     asociación fondo fundación grupo comisión parlamento gobierno congreso senado
     ministero consiglio comitato istituto università banca agenzia partito unione
     organizzazione associazione fondazione gruppo commissione governo camera senato")
});

/// Russian organisation head words, by stem.
static RU_ORG_HEADS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    stem_set(
        "министерство совет комитет форум институт университет банк компания корпорация
     агентство партия союз организация ассоциация фонд группа комиссия парламент дума
     правительство центр академия служба собрание суд администрация управление газета
     движение альянс концерн холдинг",
    )
});

/// Is this word an organisation head word or company suffix?
pub(super) fn is_org_head(word: &str) -> bool {
    if is_cyrillic_word(word) {
        return RU_ORG_HEADS.contains(&ru_stem(&word.to_lowercase()));
    }
    ORG_HEADS.contains(word.to_lowercase().as_str())
}

/// Single-word names of well-known institutions: alone, a head word is a
/// generic mention ("the Council"), but these are names.
static NAMED_INSTITUTIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "Kremlin Pentagon Duma Bundestag Bundesrat Knesset Sejm Rada Majlis Congress Élysée
     Elysee Interpol Europol Frontex Gazprom Rosneft Lukoil Novatek Rosatom
     Roscosmos Sberbank Aeroflot Toyota Mitsubishi Mitsui Sony Honda Nissan Hitachi
     Samsung Huawei Google Microsoft Facebook Reuters Bloomberg Interfax Xinhua
     Kyodo Nikkei Itar-Tass TASS Кремль Госдума Газпром Роснефть Росатом Сбербанк",
    )
});

/// Is this single word the name of a well-known institution?
pub(super) fn is_named_institution(word: &str) -> bool {
    NAMED_INSTITUTIONS.contains(word)
}

/// Two or more word names that are organisations without a head word.
static NAMED_INSTITUTION_PHRASES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    "United Nations|White House|European Commission|Red Cross|Red Crescent|Amnesty International|
     Human Rights Watch|Transparency International|Downing Street"
        .split('|')
        .map(str::trim)
        .collect()
});

/// Is this multi-word name a well-known organisation without a head word?
pub(super) fn is_named_institution_phrase(name: &str) -> bool {
    NAMED_INSTITUTION_PHRASES.contains(name)
}

/// Capitalised words ending a place's name ("Kuril Islands", "Korean
/// Peninsula") or, lowercase after it, making the word before a place
/// ("the Talas region"). Lowercase.
static PLACE_FEATURES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "island islands isles peninsula sea ocean strait straits gulf bay river mountains
     mountain range lake valley desert plateau basin delta coast region prefecture oblast
     krai kray province district territory county canal channel archipelago highlands
     lowlands steppe okrug autonomous",
    )
});

/// Russian place features, by stem (lowercase after an adjective:
/// "Сахалинская область").
static RU_PLACE_FEATURES: LazyLock<HashSet<String>> = LazyLock::new(|| {
    stem_set(
        "область край район округ остров острова полуостров море океан пролив залив река
     озеро регион республика губерния",
    )
});

/// Words of administrative units: "Sakhalin Oblast" is the gazetteer's
/// "Sakhalin", while "Taiwan Strait" is not "Taiwan".
pub(super) fn is_administrative(word: &str) -> bool {
    let lower = word.to_lowercase();
    if is_cyrillic_word(word) {
        return ["область", "край", "район", "округ", "регион"]
            .iter()
            .any(|w| ru_stem(w) == ru_stem(&lower));
    }
    matches!(
        lower.as_str(),
        "region"
            | "province"
            | "prefecture"
            | "oblast"
            | "krai"
            | "kray"
            | "district"
            | "okrug"
            | "territory"
            | "county"
    )
}

/// Last words of names of documents and events, which are not entities:
/// "Treaty", "Declaration", "Summit". Lowercase.
static NON_ENTITY_TAILS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "treaty agreement agreements accord accords convention declaration pact act doctrine
     strategy programme program summit conference war crisis case affair prize
     award games olympics festival protocol charter report index pipeline memorandum
     communiqué communique resolution sanctions talks",
    )
});

/// Does a name ending with this (lowercase) word name a document or event?
pub(super) fn is_non_entity_tail(word: &str) -> bool {
    NON_ENTITY_TAILS.contains(word)
}

/// Is this word a geographic feature word ("Islands", "oblast", "море")?
pub(super) fn is_place_feature(word: &str) -> bool {
    if is_cyrillic_word(word) {
        return RU_PLACE_FEATURES.contains(&ru_stem(&word.to_lowercase()));
    }
    PLACE_FEATURES.contains(word.to_lowercase().as_str())
}

/// Words that, followed by "of", make the next name a place ("Sea of
/// Japan", "the city of Kazan"). Lowercase.
static PLACE_OF: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "sea gulf bay strait straits isle island islands cape lake city town village port
     region province republic kingdom principality emirate state county district
     commonwealth",
    )
});

/// Is this (lowercase) word one that makes "X of Y" a place?
pub(super) fn is_place_of(word: &str) -> bool {
    PLACE_OF.contains(word)
}

/// Words that put a place right after them: "in X", "from X". Lowercase.
static PLACE_PREPOSITIONS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "in from near across throughout outside inside towards toward into в во из под
     à dans en nach aus bei",
    )
});

/// Is this lowercase word a preposition that introduces places?
pub(super) fn is_place_preposition(word: &str) -> bool {
    PLACE_PREPOSITIONS.contains(word)
}

/// Prepositions after which a comma does not open an appositive ("In
/// Volgograd, the governor said" is about a place).
pub(super) fn is_preposition(word: &str) -> bool {
    let lower = word.to_lowercase();
    is_place_preposition(&lower)
        || matches!(
            lower.as_str(),
            "at" | "to" | "on" | "for" | "with" | "by" | "of" | "over" | "under" | "against"
        )
}

/// English verbs of saying: a bare name before or after one is most likely
/// a person ("Panov said", "argues Trenin").
static SPEECH_VERBS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "said says told tells argues argued explains explained noted added believes believed
     stated wrote insisted insists warned warns stressed emphasized emphasised claimed
     suggested recalled recalls admitted admits announced asked replied thinks thought
     observed concluded",
    )
});

/// Is this lowercase word a verb of saying?
pub(super) fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERBS.contains(word)
}

/// Common acronyms that are not organisations: currencies, units, common
/// nouns, Roman numerals.
static COMMON_ACRONYMS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "USD EUR RUB JPY CNY GBP CHF INR KRW LNG LPG GDP GNP VAT CEO CFO COO CTO PhD MBA TV PR
     IT AI ID DNA HIV AIDS COVID SARS LGBT UAV ICBM SME SMES FDI PPP CO2 GMT UTC AM PM BC AD CE
     BCE OK FAQ PDF HTML URL USB GPS CV PS NB II III IV VI VII VIII IX XI XII XIII XIV XV XVI
     XVII XVIII XIX XX XXI XXII WWII WWI Q1 Q2 Q3 Q4 I V X MW GW KW TWH KM MM CM KG",
    )
});

/// Is this all-capitals word a common acronym that names no organisation?
pub(super) fn is_common_acronym(word: &str) -> bool {
    COMMON_ACRONYMS.contains(word)
}

/// Given names common in the languages of the dossier (with transliteration
/// variants): a pair "Given Surname" is a person.
static GIVEN_NAMES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "James John Robert Michael William David Richard Joseph Thomas Charles Christopher
     Daniel Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George
     Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry
     Justin Scott Brandon Benjamin Samuel Gregory Frank Alexander Raymond Patrick Jack Dennis
     Jerry Tyler Aaron Henry Douglas Peter Adam Nathan Zachary Walter Kyle Harold Carl Arthur
     Gerald Roger Keith Lawrence Terry Sean Albert Joe Barack Bill Hillary Condoleezza Colin
     Mike Rex Antony Jake Lloyd Tony Gordon Theresa Boris Rishi Keir Liz Margaret Winston
     Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa
     Betty Sandra Ashley Kimberly Donna Emily Michelle Carol Amanda Melissa Deborah Stephanie
     Rebecca Laura Sharon Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole
     Samantha Katherine Christine Emma Ruth Julie Olivia Victoria Kamala Nikki Madeleine
     Vladimir Sergey Sergei Dmitry Dmitri Dmitriy Alexey Alexei Aleksei Aleksey Aleksandr
     Andrei Andrey Anatoly Anatoli Nikolai Nikolay Mikhail Igor Ivan Yuri Yury Valery Valeri
     Valeriy Vitaly Vitali Vladislav Viktor Victor Konstantin Maxim Maksim Oleg Pavel Pyotr
     Roman Ruslan Denis Evgeny Evgeniy Yevgeny Gennady Grigory Leonid Lev Fyodor Fedor
     Stanislav Vyacheslav Vasily Vasili Kirill Ilya Anton Artem Artyom Arkady Matvei Nikita
     Ramzan Yegor Georgy Semyon Timofei Eduard Gleb Yaroslav Bogdan Volodymyr Petro Viktor
     Oksana Olga Elena Yelena Irina Natalia Natalya Tatiana Tatyana Svetlana Ekaterina
     Yekaterina Valentina Lyudmila Ludmila Galina Marina Ksenia Kseniya Maria Veronika Yulia
     Julia Daria Darya Alina Nadezhda Larisa Vera Sofia Alla Zhanna Inna Nina Polina
     Shinzo Yoshihiko Fumio Yoshihide Taro Junichiro Naoto Yukio Toshihiro Hiroshi Takeshi
     Kenji Akira Yuki Haruki Shigeru Yasuo Kazuo Yoshio Ichiro Hideki Masahiko Yoshimasa
     Toshimitsu Katsuya Seiji Koichi Nobuo Shotaro Teruo Akie Yuriko Sanae Seiko Hirokazu
     Tomohiko Kentaro Takashi Kazuhiko Hiroshige Yoichi Tetsuya Nobuhiro Kiyoshi Makoto
     Jean Pierre Emmanuel François Francois Marie Nicolas Jacques Michel Philippe Louis Claude
     Alain Bernard Marine Ségolène Dominique Laurent Édouard Edouard Olivier Catherine Anne
     Sophie Isabelle Nathalie Valérie Christophe Julien Thierry Gérard Hervé Bruno Jean-Yves
     Jean-Claude Jean-Marc Jean-Luc Jean-Pierre Jean-Marie Gabriel Élisabeth Sébastien
     Angela Olaf Gerhard Helmut Frank-Walter Annalena Wolfgang Klaus Jürgen Hans Karl Heinz
     Ursula Friedrich Markus Christian Sebastian Stefan Andreas Horst Heiko Robert Sigmar
     Norbert Joachim Günter Dieter Uwe Ralf Matthias Thorsten Katarina Svenja Christine
     José Juan Carlos Luis Pedro Miguel Antonio Manuel Francisco Javier Mariano Pablo Jorge
     Alberto Fernando Alejandro Ricardo Rafael Felipe Andrés Gustavo Nicolás Evo Hugo Cristina
     Dilma Luiz Inácio Jair Sergio Mauricio Alberto Gabriel Rodrigo Diego Ignacio
     Giuseppe Giovanni Mario Matteo Silvio Giorgia Paolo Luigi Marco Francesco Enrico Romano
     Massimo Gianni Giulio Sergio Alessandro Federico Lorenzo Roberto Stefano
     Mohammed Muhammad Mohammad Ahmed Ahmad Ali Hassan Hussein Abdullah Recep Bashar Omar
     Khalid Hamad Tamim Salman Abdel Abdul Ibrahim Mahmoud Mustafa Ismail Yusuf Benjamin Yair
     Naftali Ehud Ariel Shimon Xi Narendra Rahul Manmohan Imran Nawaz Shehbaz Moon Yoon
     Kim Park Lee Ferdinand Rodrigo Joko Prabowo Mahathir Anwar Lee Kassym-Jomart Nursultan
     Ilham Nikol Alexander Lukashenko Emomali Shavkat Sooronbay Sadyr Kurmanbek Almazbek
     Владимир Сергей Дмитрий Александр Алексей Андрей Анатолий Борис Николай Михаил Игорь
     Иван Юрий Валерий Виталий Виктор Константин Максим Олег Павел Пётр Петр Роман Денис
     Евгений Геннадий Григорий Леонид Лев Фёдор Федор Вячеслав Василий Кирилл Илья Антон
     Артём Артем Аркадий Никита Рамзан Георгий Эдуард Глеб Ярослав Станислав Владислав
     Анна Мария Ольга Елена Ирина Наталья Наталия Татьяна Светлана Екатерина Валентина
     Людмила Галина Марина Ксения Юлия Дарья Надежда Вера Софья Алла Нина Полина Синдзо
     Сигэру Таро Фумио Ёсихико",
    )
});

/// Is this a common given name? Cyrillic names match in any case form.
pub(super) fn is_given_name(word: &str) -> bool {
    if GIVEN_NAMES.contains(word) {
        return true;
    }
    if is_cyrillic_word(word) {
        return RU_GIVEN_STEMS.contains(&ru_stem(word));
    }
    // Hyphenated given names: "Jean-Claude", and "Frank-Walter" by its first part.
    word.split_once('-')
        .is_some_and(|(first, _)| GIVEN_NAMES.contains(first))
}

/// Cyrillic given names by stem, for the case forms ("Владимира").
static RU_GIVEN_STEMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    GIVEN_NAMES
        .iter()
        .filter(|w| is_cyrillic_word(w))
        .map(|w| ru_stem(w))
        .collect()
});

/// Abbreviations whose period does not end a sentence, and whether the
/// word after them is still a sentence's first word for sure (`false`) or
/// may be (`true`: "Inc.", "etc.", "Jan." can end one).
pub(super) fn abbreviation(word: &str) -> Option<bool> {
    match word {
        "Mr" | "Mrs" | "Ms" | "Dr" | "Prof" | "St" | "Gen" | "Sen" | "Gov" | "Rep" | "Lt"
        | "Col" | "Capt" | "Adm" | "Sgt" | "Rev" | "Hon" | "Pres" | "Amb" | "Mt" | "Ft"
        | "Messrs" | "Mme" | "Mlle" | "Sr" | "Sra" | "Sig" | "Dott" | "Hr" | "Fr" | "г-н"
        | "г-жа" | "им" | "акад" | "проф" | "тов" => Some(false),
        "Inc" | "Ltd" | "Co" | "Corp" | "Jr" | "etc" | "No" | "Nos" | "vs" | "approx" | "Jan"
        | "Feb" | "Mar" | "Apr" | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov"
        | "Dec" | "p" | "pp" | "vol" | "ed" | "eds" | "cf" | "e" | "i" | "г" | "гг" | "др"
        | "т" | "н" => Some(true),
        _ => None,
    }
}
