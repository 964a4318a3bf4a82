//! A small built-in gazetteer: countries (with their names in the
//! dossier's languages), major cities and regions, and the English
//! adjectives of nationality, which name no place ("Japanese").
//!
//! Every name of one place maps to the place's English name, so "Russia",
//! "Russian Federation", "Россия" and "России" are one entity.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::tokens::phrase_key;

/// One place per line: `English name|other names ... ; adjectives`. Names
/// in Cyrillic match in any case form (they are compared by stem).
const PLACES: &str = "
Afghanistan|Афганистан ; Afghan|Afghans
Albania|Албания ; Albanian|Albanians
Algeria|Алжир|Algérie|Algerien|Argelia ; Algerian|Algerians
Andorra|Андорра ; Andorran
Angola|Ангола ; Angolan
Argentina|Аргентина|Argentine|Argentinien ; Argentine|Argentinian|Argentines|Argentinians
Armenia|Армения|Arménie|Armenien ; Armenian|Armenians
Australia|Австралия|Australie|Australien ; Australian|Australians
Austria|Австрия|Autriche|Österreich ; Austrian|Austrians
Azerbaijan|Азербайджан|Aserbaidschan ; Azerbaijani|Azerbaijanis|Azeri|Azeris
Bahrain|Бахрейн ; Bahraini
Bangladesh|Бангладеш ; Bangladeshi
Belarus|Беларусь|Белоруссия|Biélorussie|Weißrussland|Bielorrusia ; Belarusian|Belarusians|Belarussian
Belgium|Бельгия|Belgique|Belgien|Bélgica|Belgio ; Belgian|Belgians
Benin|Бенин ; Beninese
Bhutan|Бутан ; Bhutanese
Bolivia|Боливия|Bolivie|Bolivien ; Bolivian|Bolivians
Bosnia and Herzegovina|Bosnia|Босния и Герцеговина|Босния ; Bosnian|Bosnians
Botswana|Ботсвана
Brazil|Бразилия|Brésil|Brasilien|Brasil|Brasile ; Brazilian|Brazilians
Brunei|Бруней
Bulgaria|Болгария|Bulgarie|Bulgarien ; Bulgarian|Bulgarians
Burkina Faso|Буркина-Фасо
Burundi|Бурунди
Cambodia|Камбоджа ; Cambodian|Cambodians
Cameroon|Камерун|Cameroun ; Cameroonian
Canada|Канада|Kanada ; Canadian|Canadians
Central African Republic|ЦАР
Chad|Чад|Tchad
Chile|Чили|Chili ; Chilean|Chileans
China|Китай|КНР|PRC|People's Republic of China|Chine|Cina ; Chinese
Colombia|Колумбия|Colombie|Kolumbien ; Colombian|Colombians
Congo|Конго|Democratic Republic of the Congo|DRC ; Congolese
Costa Rica|Коста-Рика ; Costa Rican
Croatia|Хорватия|Croatie|Kroatien ; Croatian|Croatians|Croat|Croats
Cuba|Куба|Kuba ; Cuban|Cubans
Cyprus|Кипр|Chypre|Zypern|Chipre|Cipro ; Cypriot|Cypriots
Czech Republic|Czechia|Чехия|Tchéquie|Tschechien ; Czech|Czechs
Denmark|Дания|Danemark|Dänemark|Dinamarca|Danimarca ; Danish|Dane|Danes
Djibouti|Джибути
Dominican Republic|Доминиканская Республика ; Dominican
Ecuador|Эквадор|Équateur ; Ecuadorian|Ecuadorians
Egypt|Египет|Égypte|Ägypten|Egipto|Egitto ; Egyptian|Egyptians
El Salvador|Сальвадор ; Salvadoran|Salvadorans
Eritrea|Эритрея ; Eritrean|Eritreans
Estonia|Эстония|Estonie|Estland ; Estonian|Estonians
Ethiopia|Эфиопия|Éthiopie|Äthiopien ; Ethiopian|Ethiopians
Fiji|Фиджи ; Fijian
Finland|Финляндия|Finlande|Finnland|Finlandia ; Finnish|Finn|Finns
France|Франция|Frankreich|Francia ; French|Frenchman|Frenchmen
Gabon|Габон ; Gabonese
Gambia|The Gambia|Гамбия ; Gambian
Georgia|Грузия|Géorgie|Georgien ; Georgian|Georgians
Germany|Германия|ФРГ|Allemagne|Deutschland|Alemania|Germania ; German|Germans
Ghana|Гана ; Ghanaian|Ghanaians
Greece|Греция|Grèce|Griechenland|Grecia ; Greek|Greeks
Guatemala|Гватемала ; Guatemalan
Guinea|Гвинея ; Guinean
Haiti|Гаити ; Haitian|Haitians
Honduras|Гондурас ; Honduran
Hungary|Венгрия|Hongrie|Ungarn|Hungría|Ungheria ; Hungarian|Hungarians
Iceland|Исландия|Islande ; Icelandic|Icelander|Icelanders
India|Индия|Inde|Indien ; Indian|Indians
Indonesia|Индонезия|Indonésie|Indonesien ; Indonesian|Indonesians
Iran|Иран ; Iranian|Iranians|Persian|Persians
Iraq|Ирак|Irak ; Iraqi|Iraqis
Ireland|Ирландия|Irlande|Irland|Irlanda ; Irish
Israel|Израиль|Israël ; Israeli|Israelis
Italy|Италия|Italie|Italien|Italia ; Italian|Italians
Ivory Coast|Côte d'Ivoire|Кот-д'Ивуар ; Ivorian
Jamaica|Ямайка ; Jamaican|Jamaicans
Japan|Япония|Japon|Japón|Giappone ; Japanese
Jordan|Иордания|Jordanie|Jordanien ; Jordanian|Jordanians
Kazakhstan|Казахстан|Kasachstan|Kazajistán ; Kazakh|Kazakhs|Kazakhstani
Kenya|Кения ; Kenyan|Kenyans
Kosovo|Косово ; Kosovar|Kosovars
Kuwait|Кувейт|Koweït ; Kuwaiti|Kuwaitis
Kyrgyzstan|Kirgizia|Киргизия|Кыргызстан|Kirghizistan|Kirgisistan ; Kyrgyz
Laos|Лаос ; Laotian|Lao
Latvia|Латвия|Lettonie|Lettland ; Latvian|Latvians
Lebanon|Ливан|Liban|Libanon|Líbano ; Lebanese
Liberia|Либерия ; Liberian|Liberians
Libya|Ливия|Libye|Libyen|Libia ; Libyan|Libyans
Liechtenstein|Лихтенштейн
Lithuania|Литва|Lituanie|Litauen ; Lithuanian|Lithuanians
Luxembourg|Люксембург|Luxemburg|Luxemburgo|Lussemburgo
Madagascar|Мадагаскар ; Malagasy
Malawi|Малави ; Malawian
Malaysia|Малайзия|Malaisie ; Malaysian|Malaysians
Maldives|Мальдивы ; Maldivian
Mali|Мали ; Malian|Malians
Malta|Мальта|Malte ; Maltese
Mauritania|Мавритания|Mauritanie ; Mauritanian
Mexico|Мексика|Mexique|Mexiko|México|Messico ; Mexican|Mexicans
Moldova|Молдавия|Молдова|Moldavie|Moldawien ; Moldovan|Moldovans
Monaco|Монако
Mongolia|Монголия|Mongolie|Mongolei ; Mongolian|Mongolians
Montenegro|Черногория|Monténégro ; Montenegrin
Morocco|Марокко|Maroc|Marokko|Marruecos|Marocco ; Moroccan|Moroccans
Mozambique|Мозамбик ; Mozambican
Myanmar|Burma|Мьянма|Бирма ; Burmese
Namibia|Намибия ; Namibian
Nepal|Непал ; Nepali|Nepalese
Netherlands|The Netherlands|Holland|Нидерланды|Голландия|Pays-Bas|Niederlande|Países Bajos|Paesi Bassi ; Dutch
New Zealand|Новая Зеландия|Nouvelle-Zélande|Neuseeland ; New Zealander|New Zealanders
Nicaragua|Никарагуа ; Nicaraguan
Niger|Нигер
Nigeria|Нигерия|Nigéria ; Nigerian|Nigerians
North Korea|КНДР|Северная Корея|DPRK|Corée du Nord|Nordkorea|Corea del Norte ; North Korean|North Koreans
North Macedonia|Macedonia|Северная Македония|Македония ; Macedonian|Macedonians
Norway|Норвегия|Norvège|Norwegen|Noruega|Norvegia ; Norwegian|Norwegians
Oman|Оман ; Omani
Pakistan|Пакистан ; Pakistani|Pakistanis
Palestine|Палестина|Palestinian Territories ; Palestinian|Palestinians
Panama|Панама ; Panamanian
Papua New Guinea
Paraguay|Парагвай ; Paraguayan
Peru|Перу|Pérou ; Peruvian|Peruvians
Philippines|Филиппины ; Philippine|Filipino|Filipinos
Poland|Польша|Pologne|Polen|Polonia ; Polish|Pole|Poles
Portugal|Португалия|Portogallo ; Portuguese
Qatar|Катар|Katar ; Qatari|Qataris
Romania|Румыния|Roumanie|Rumänien|Rumania ; Romanian|Romanians
Russia|Russian Federation|Россия|Российская Федерация|РФ|Russie|Russland|Rusia ; Russian|Russians
Rwanda|Руанда ; Rwandan|Rwandans
Saudi Arabia|Саудовская Аравия|Arabie saoudite|Saudi-Arabien|Arabia Saudita ; Saudi|Saudis
Senegal|Сенегал|Sénégal ; Senegalese
Serbia|Сербия|Serbie|Serbien ; Serbian|Serbians|Serb|Serbs
Sierra Leone|Сьерра-Леоне ; Sierra Leonean
Singapore|Сингапур|Singapour|Singapur ; Singaporean|Singaporeans
Slovakia|Словакия|Slovaquie|Slowakei ; Slovak|Slovaks|Slovakian
Slovenia|Словения|Slovénie|Slowenien ; Slovenian|Slovene|Slovenes
Somalia|Сомали|Somalie ; Somali|Somalis
South Africa|ЮАР|Южная Африка|Afrique du Sud|Südafrika|Sudáfrica ; South African|South Africans
South Korea|Южная Корея|Республика Корея|ROK|Corée du Sud|Südkorea|Corea del Sur ; South Korean|South Koreans
South Sudan|Южный Судан ; South Sudanese
Spain|Испания|Espagne|Spanien|España|Spagna ; Spanish|Spaniard|Spaniards
Sri Lanka|Шри-Ланка ; Sri Lankan
Sudan|Судан|Soudan ; Sudanese
Sweden|Швеция|Suède|Schweden|Suecia|Svezia ; Swedish|Swede|Swedes
Switzerland|Швейцария|Suisse|Schweiz|Suiza|Svizzera ; Swiss
Syria|Сирия|Syrie|Syrien|Siria ; Syrian|Syrians
Taiwan|Тайвань|Taïwan ; Taiwanese
Tajikistan|Таджикистан|Tadjikistan|Tadschikistan ; Tajik|Tajiks
Tanzania|Танзания|Tanzanie|Tansania ; Tanzanian|Tanzanians
Thailand|Таиланд|Thaïlande ; Thai|Thais
Tunisia|Тунис|Tunisie|Tunesien|Túnez ; Tunisian|Tunisians
Turkey|Türkiye|Турция|Turquie|Türkei|Turquía|Turchia ; Turkish|Turk|Turks
Turkmenistan|Туркмения|Туркменистан|Turkménistan ; Turkmen
Uganda|Уганда|Ouganda ; Ugandan|Ugandans
Ukraine|Украина|Ucrania|Ucraina ; Ukrainian|Ukrainians
United Arab Emirates|UAE|ОАЭ|Émirats arabes unis ; Emirati|Emiratis
United Kingdom|UK|U.K.|Britain|Great Britain|Великобритания|Соединённое Королевство|Royaume-Uni|Vereinigtes Königreich|Reino Unido|Regno Unito ; British|Briton|Britons
United States|United States of America|USA|U.S.A.|US|U.S.|America|США|Соединённые Штаты|Соединенные Штаты|Америка|États-Unis|Etats-Unis|Vereinigte Staaten|Estados Unidos|Stati Uniti ; American|Americans
Uruguay|Уругвай ; Uruguayan
Uzbekistan|Узбекистан|Ouzbékistan|Usbekistan ; Uzbek|Uzbeks
Vatican|Vatican City|Holy See|Ватикан
Venezuela|Венесуэла ; Venezuelan|Venezuelans
Vietnam|Viet Nam|Вьетнам|Viêt Nam ; Vietnamese
Yemen|Йемен|Yémen|Jemen ; Yemeni|Yemenis
Zambia|Замбия ; Zambian|Zambians
Zimbabwe|Зимбабве ; Zimbabwean|Zimbabweans
Soviet Union|USSR|СССР|Советский Союз|Union soviétique|Sowjetunion|Unión Soviética ; Soviet|Soviets
Yugoslavia|Югославия ; Yugoslav
Czechoslovakia|Чехословакия ; Czechoslovak
England|Англия|Angleterre|Inglaterra|Inghilterra ; English|Englishman|Englishmen
Scotland|Шотландия|Écosse|Schottland|Escocia|Scozia ; Scottish|Scot|Scots
Wales|Уэльс ; Welsh
Northern Ireland|Северная Ирландия
Greenland|Гренландия|Grönland
Hong Kong|Гонконг
Macau|Macao|Макао
Tibet|Тибет ; Tibetan|Tibetans
Xinjiang|Синьцзян
Crimea|Крым|Crimée|Krim ; Crimean
Donbas|Donbass|Донбасс
Chechnya|Чечня ; Chechen|Chechens
Dagestan|Дагестан ; Dagestani
Tatarstan|Татарстан
Bashkortostan|Башкортостан|Башкирия
Yakutia|Sakha|Якутия
Siberia|Сибирь|Sibérie|Sibirien ; Siberian
Far East|Russian Far East|Дальний Восток ; Far Eastern
Kamchatka|Камчатка
Chukotka|Чукотка
Sakhalin|Сахалин
Yamal|Ямал
Primorye|Primorsky Krai|Приморье|Приморский край
Khabarovsk Krai|Хабаровский край
Kaliningrad|Калининград
Kuril Islands|Kurils|Kuriles|Kurile Islands|Southern Kurils|South Kurils|South Kuril Islands|Southern Kuril Islands|Northern Territories|Курилы|Курильские острова|Южные Курилы
Hokkaido|Хоккайдо
Okinawa|Окинава ; Okinawan
Caucasus|Кавказ ; Caucasian
North Caucasus|Северный Кавказ
Transnistria|Приднестровье
Abkhazia|Абхазия ; Abkhaz|Abkhazian
South Ossetia|Южная Осетия
Nagorno-Karabakh|Karabakh|Нагорный Карабах|Карабах
Kashmir|Кашмир ; Kashmiri
Gaza|Gaza Strip|Газа|Сектор Газа
West Bank|Западный берег
Golan Heights|Голанские высоты
Balkans|Балканы ; Balkan
Baltics|Baltic States|Прибалтика
Scandinavia|Скандинавия ; Scandinavian|Scandinavians
Sahel|Сахель
Maghreb|Магриб
Europe|Европа|Europa ; European|Europeans
Asia|Азия|Asie|Asien ; Asian|Asians
Africa|Африка|Afrique|Afrika ; African|Africans
North America|Северная Америка
South America|Южная Америка
Latin America|Латинская Америка|Amérique latine|Lateinamerika|América Latina ; Latin American|Latin Americans
Central America|Центральная Америка ; Central American
Middle East|Ближний Восток|Moyen-Orient|Nahost|Oriente Medio ; Middle Eastern
Central Asia|Центральная Азия|Средняя Азия|Asie centrale|Zentralasien ; Central Asian
East Asia|Восточная Азия ; East Asian
Southeast Asia|South-East Asia|Юго-Восточная Азия ; Southeast Asian
South Asia|Южная Азия ; South Asian
Northeast Asia|Северо-Восточная Азия ; Northeast Asian
Asia-Pacific|Asia Pacific|АТР|Азиатско-Тихоокеанский регион
Indo-Pacific|Индо-Тихоокеанский регион
Eurasia|Евразия ; Eurasian
Oceania|Океания
Antarctica|Антарктида|Antarctique|Antarktis ; Antarctic
Arctic|Арктика|Arctique|Arktis
North Africa|Северная Африка ; North African
West Africa|Западная Африка ; West African
East Africa|Восточная Африка ; East African
Western Europe|Западная Европа ; Western European
Eastern Europe|Восточная Европа ; Eastern European
Central Europe|Центральная Европа ; Central European
Pacific|Pacific Ocean|Тихий океан
Atlantic|Atlantic Ocean|Атлантический океан ; Transatlantic
Indian Ocean|Индийский океан
Arctic Ocean|Северный Ледовитый океан
Mediterranean|Mediterranean Sea|Средиземное море
Black Sea|Чёрное море|Черное море
Caspian Sea|Caspian|Каспийское море|Каспий
Baltic Sea|Балтийское море
Sea of Japan|Японское море
Sea of Okhotsk|Охотское море
South China Sea|Южно-Китайское море
East China Sea|Восточно-Китайское море
Persian Gulf|Персидский залив
Red Sea|Красное море
Bering Sea|Берингово море
Moscow|Москва|Moscou|Moskau|Moscú|Mosca ; Muscovite|Muscovites
St. Petersburg|Saint Petersburg|St Petersburg|Санкт-Петербург|Петербург|Saint-Pétersbourg|Sankt Petersburg|San Petersburgo|San Pietroburgo
Vladivostok|Владивосток
Novosibirsk|Новосибирск
Yekaterinburg|Ekaterinburg|Екатеринбург
Kazan|Казань
Nizhny Novgorod|Нижний Новгород
Sochi|Сочи
Volgograd|Stalingrad|Волгоград|Сталинград
Voronezh|Воронеж
Samara|Самара
Rostov-on-Don|Ростов-на-Дону
Krasnoyarsk|Красноярск
Irkutsk|Иркутск
Khabarovsk|Хабаровск
Murmansk|Мурманск
Omsk|Омск
Perm|Пермь
Ufa|Уфа
Chelyabinsk|Челябинск
Krasnodar|Краснодар
Yuzhno-Sakhalinsk|Южно-Сахалинск
Petropavlovsk-Kamchatsky|Петропавловск-Камчатский
Sevastopol|Севастополь
Grozny|Грозный
Tokyo|Токио|Tokio
Osaka|Осака
Kyoto|Киото
Yokohama|Иокогама
Nagoya|Нагоя
Kobe|Кобе
Sapporo|Саппоро
Fukuoka|Фукуока
Hiroshima|Хиросима
Nagasaki|Нагасаки
Niigata|Ниигата
Sendai|Сендай
Fukushima|Фукусима
Beijing|Peking|Пекин|Pékin
Shanghai|Шанхай
Guangzhou|Гуанчжоу
Shenzhen|Шэньчжэнь
Harbin|Харбин
Wuhan|Ухань
Seoul|Сеул|Séoul
Pyongyang|Пхеньян
Busan|Пусан
Taipei|Тайбэй
Ulaanbaatar|Ulan Bator|Улан-Батор
Washington|Вашингтон
New York|New York City|Нью-Йорк
Los Angeles|Лос-Анджелес
Chicago|Чикаго
San Francisco|Сан-Франциско
Boston|Бостон
Houston|Хьюстон
Seattle|Сиэтл
Miami|Майами
Philadelphia|Филадельфия
Atlanta|Атланта
Dallas|Даллас
Detroit|Детройт
Las Vegas|Лас-Вегас
Honolulu|Гонолулу
Anchorage|Анкоридж
Alaska|Аляска
Hawaii|Гавайи
California|Калифорния
Texas|Техас
Florida|Флорида
Toronto|Торонто
Montreal|Montréal|Монреаль
Vancouver|Ванкувер
Ottawa|Оттава
Mexico City|Мехико
London|Лондон|Londres|Londra
Paris|Париж|Parigi
Berlin|Берлин|Berlino
Munich|München|Мюнхен
Hamburg|Гамбург
Frankfurt|Франкфурт
Cologne|Köln|Кёльн
Bonn|Бонн
Vienna|Wien|Vienne|Вена
Rome|Roma|Рим
Milan|Milano|Милан
Naples|Napoli|Неаполь
Madrid|Мадрид
Barcelona|Барселона|Barcelone
Lisbon|Lisboa|Лиссабон|Lisbonne
Brussels|Bruxelles|Brüssel|Bruselas|Брюссель
Amsterdam|Амстердам
The Hague|Den Haag|La Haye|Гаага
Geneva|Genève|Genf|Ginebra|Ginevra|Женева
Zurich|Zürich|Цюрих
Bern|Berne|Берн
Stockholm|Стокгольм
Oslo|Осло
Copenhagen|København|Копенгаген
Helsinki|Хельсинки
Reykjavik|Рейкьявик
Dublin|Дублин
Edinburgh|Эдинбург
Manchester|Манчестер
Warsaw|Warszawa|Varsovie|Warschau|Varsovia|Варшава
Prague|Praha|Prag|Прага
Budapest|Будапешт
Bucharest|Bucarest|Бухарест
Sofia|София
Belgrade|Beograd|Белград
Zagreb|Загреб
Ljubljana|Любляна
Sarajevo|Сараево
Athens|Athènes|Athen|Atenas|Atene|Афины
Istanbul|Стамбул
Ankara|Анкара
Kyiv|Kiev|Киев|Kiew
Kharkiv|Kharkov|Харьков
Odesa|Odessa|Одесса
Lviv|Lvov|Львов
Donetsk|Донецк
Luhansk|Lugansk|Луганск
Mariupol|Мариуполь
Minsk|Минск
Vilnius|Вильнюс
Riga|Рига
Tallinn|Таллин|Таллинн
Chisinau|Кишинёв|Кишинев
Tbilisi|Тбилиси
Yerevan|Ереван
Baku|Баку
Astana|Nur-Sultan|Астана
Almaty|Алма-Ата|Алматы
Bishkek|Бишкек
Tashkent|Ташкент
Dushanbe|Душанбе
Ashgabat|Ашхабад
Samarkand|Самарканд
Kabul|Кабул
Tehran|Тегеран|Téhéran|Teherán
Baghdad|Багдад
Damascus|Дамаск|Damas
Aleppo|Алеппо
Beirut|Бейрут|Beyrouth
Jerusalem|Иерусалим|Jérusalem
Tel Aviv|Тель-Авив
Amman|Амман
Riyadh|Эр-Рияд
Jeddah|Джидда
Mecca|Мекка
Doha|Доха
Dubai|Дубай
Abu Dhabi|Абу-Даби
Muscat|Маскат
Cairo|Каир|Le Caire|Kairo|El Cairo
Alexandria|Александрия
Tripoli|Триполи
Tunis
Algiers|Alger|Алжир
Rabat|Рабат
Casablanca|Касабланка
Khartoum|Хартум
Addis Ababa|Аддис-Абеба
Nairobi|Найроби
Lagos|Лагос
Abuja|Абуджа
Accra|Аккра
Dakar|Дакар
Bamako|Бамако
Niamey|Ниамей
Kinshasa|Киншаса
Luanda|Луанда
Johannesburg|Йоханнесбург
Cape Town|Кейптаун
Pretoria|Претория
Delhi|New Delhi|Дели|Нью-Дели
Mumbai|Bombay|Мумбаи
Kolkata|Calcutta|Калькутта
Chennai|Madras|Ченнаи
Bangalore|Bengaluru|Бангалор
Islamabad|Исламабад
Karachi|Карачи
Lahore|Лахор
Dhaka|Дакка
Kathmandu|Катманду
Colombo|Коломбо
Bangkok|Бангкок
Hanoi|Ханой
Ho Chi Minh City|Saigon|Хошимин|Сайгон
Phnom Penh|Пномпень
Vientiane|Вьентьян
Yangon|Rangoon|Янгон
Kuala Lumpur|Куала-Лумпур
Jakarta|Джакарта
Manila|Манила
Canberra|Канберра
Sydney|Сидней
Melbourne|Мельбурн
Wellington|Веллингтон
Auckland|Окленд
Buenos Aires|Буэнос-Айрес
Santiago|Сантьяго
Lima|Лима
Bogotá|Bogota|Богота
Caracas|Каракас
Quito|Кито
La Paz|Ла-Пас
Montevideo|Монтевидео
Asunción|Asuncion|Асунсьон
Brasília|Brasilia|Бразилиа
Rio de Janeiro|Рио-де-Жанейро
São Paulo|Sao Paulo|Сан-Паулу
Havana|La Habana|Гавана
Panama City
";

/// What the gazetteer knows.
struct Gazetteer {
    /// Every name's key (see [`phrase_key`]) → the place's English name.
    names: HashMap<String, &'static str>,
    /// English adjectives and demonyms of nationality ("Japanese", "Russians").
    adjectives: HashSet<&'static str>,
    /// Every name exactly as listed.
    spellings: HashSet<&'static str>,
    /// Each key's first listed spelling ("Москв" → "Москва").
    spelling_of_key: HashMap<String, &'static str>,
    /// The most words any name has.
    longest: usize,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut names = HashMap::new();
    let mut adjectives = HashSet::new();
    let mut spellings = HashSet::new();
    let mut spelling_of_key = HashMap::new();
    let mut longest = 1;
    for line in PLACES.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (place, adjs) = line.split_once(';').unwrap_or((line, ""));
        let mut forms = place.split('|').map(str::trim).filter(|f| !f.is_empty());
        let Some(canonical) = forms.next() else {
            continue;
        };
        for form in std::iter::once(canonical).chain(forms) {
            longest = longest.max(form.split_whitespace().count());
            // The first line naming a form keeps it ("Algeria" before the city).
            names.entry(phrase_key(form)).or_insert(canonical);
            spelling_of_key.entry(phrase_key(form)).or_insert(form);
            spellings.insert(form);
        }
        adjectives.extend(adjs.split('|').map(str::trim).filter(|a| !a.is_empty()));
    }
    Gazetteer {
        names,
        adjectives,
        spellings,
        spelling_of_key,
        longest,
    }
});

/// The English name of the place these words name, if the gazetteer knows it.
pub(super) fn place(key: &str) -> Option<&'static str> {
    GAZETTEER.names.get(key).copied()
}

/// Is this one of the gazetteer's own spellings of a place (not a case
/// form)? Used to prefer "Россия" over "России" as the shown name.
pub(super) fn is_listed_form(form: &str) -> bool {
    GAZETTEER.spellings.contains(form)
}

/// The gazetteer's own copy of `name`, if it lists it (to read back a
/// place's name remembered from an earlier build).
pub(super) fn listed(name: &str) -> Option<&'static str> {
    GAZETTEER.spellings.get(name).copied()
}

/// The gazetteer's spelling of a name written in another case form
/// ("Москве" → "Москва"), by the form's key.
pub(super) fn spelling(key: &str) -> Option<&'static str> {
    GAZETTEER.spelling_of_key.get(key).copied()
}

/// The most words a gazetteer name has.
pub(super) fn longest_name() -> usize {
    GAZETTEER.longest
}

/// Adjectives of direction, religion and culture, which name no place
/// either ("Western suppliers", "Orthodox Church").
const OTHER_ADJECTIVES: &[&str] = &[
    "Western",
    "Eastern",
    "Northern",
    "Southern",
    "Central",
    "Arab",
    "Arabs",
    "Islamic",
    "Muslim",
    "Muslims",
    "Christian",
    "Christians",
    "Catholic",
    "Catholics",
    "Orthodox",
    "Jewish",
    "Sunni",
    "Shia",
    "Shiite",
    "Kurdish",
    "Kurd",
    "Kurds",
    "Arabic",
    "Latin",
    "Hispanic",
    "Slavic",
    "Nordic",
    "Celtic",
    "Baltic",
    "Pacific-Rim",
    "Transatlantic",
];

/// Is this word an English adjective or demonym of nationality ("Japanese")?
pub(super) fn is_nationality(word: &str) -> bool {
    GAZETTEER.adjectives.contains(word)
        || OTHER_ADJECTIVES.contains(&word)
        || word
            .split_once('-')
            .is_some_and(|(a, b)| is_nationality(a) && (is_nationality(b) || b.is_empty()))
}
