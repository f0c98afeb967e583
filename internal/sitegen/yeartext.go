package sitegen

// The words of the year's site: one organisation (a food-box company),
// its three studies and twelve teams, in Swedish. Sentences are put
// together from these lists, so lengths vary as they would.

// A yearStudy is one study of the year's site and its journey map.
type yearStudy struct {
	id, title, owner, summary string
	stages                    []yearStage
}

// A yearStage is one customer activity; topics are what sprints there ask about.
type yearStage struct {
	id, name, current, desired string
	touchpoints, topics        []string
}

var yearStudies = []yearStudy{
	{
		id: "kundresa-privat", title: "Kundresan för privatkunder 2026", owner: "CX-gruppen",
		summary: "Hur privatkunder hittar, väljer, börjar med, använder och stannar kvar hos Veckokassen – sju steg med nuläge, önskat läge och vad som ändras just nu.",
		stages: []yearStage{
			{"upptacka", "Upptäcka", "De flesta hör talas om oss genom vänner eller en rabattkod. Kampanjen lovar mycket men säger lite om vardagen med kassen.", "Den som är nyfiken förstår på en minut vad som ingår, vad det kostar efter kampanjen och hur lätt det är att pausa.",
				[]string{"Sociala medier", "Värva-en-vän-kod", "Kampanjsida"}, []string{"kampanjsidan", "priset efter kampanjen", "värva-en-vän-koden"}},
			{"valja", "Välja", "Kunden jämför kassar, portioner och leveransdagar i ett långt formulär och avbryter ofta vid leveransdagen.", "Kunden ser direkt vilka leveransdagar som finns där hen bor och kan välja kasse utan att skapa konto först.",
				[]string{"Webbplatsen", "Beställningsflödet", "Chatt"}, []string{"leveransdagarna", "portionsvalet", "kontoskapandet"}},
			{"komma-igang", "Komma igång", "Efter beställningen kommer ett brev, ett mejl och ett SMS. Nya kunder ringer ofta för att ändra sin första leverans.", "Nya kunder vet före första leveransen när kassen kommer och hur de ändrar den, utan att kontakta oss.",
				[]string{"Välkomstbrev", "Bekräftelsemejl", "SMS", "Appen"}, []string{"välkomstbrevet", "välkomst-SMS:et", "första leveransen"}},
			{"anvanda", "Använda", "Leveranserna fungerar för de flesta, men byte av recept skapar frågor, och kylskåpet är fullt när kassen kommer.", "Kunden byter recept och hoppar över en vecka utan att fundera.",
				[]string{"Appen", "Receptkort", "Leveransavisering"}, []string{"receptbytet", "kylskåpet", "leveransaviseringen"}},
			{"betala", "Betala", "Fakturan är svårläst och förfallodagen syns dåligt; kortbetalningen misslyckas tyst.", "Kunden vet när och hur mycket hen ska betala och får veta direkt när en betalning inte gick igenom.",
				[]string{"Faktura", "Kortbetalning", "Påminnelse"}, []string{"förfallodagen", "kortbetalningen", "påminnelseavgiften"}},
			{"fa-hjalp", "Få hjälp", "Kunder ringer när något inte fungerar, och väntetiden är lång på måndagar. Vart femte samtal gäller inloggning.", "Kunden löser enkla ärenden själv och når en människa snabbt när det verkligen behövs.",
				[]string{"Telefon", "Chatt", "Hjälpsidor"}, []string{"hjälpsidorna", "inloggningen", "chatten"}},
			{"fornya", "Förnya", "Många säger upp sig när introduktionsrabatten tar slut, ofta utan att ha sett att de kunde pausa.", "Kunden vet i god tid vad priset blir och väljer själv mellan att fortsätta, pausa och säga upp.",
				[]string{"Mejl", "Mina sidor", "Uppsägningsflödet"}, []string{"pausknappen", "uppsägningsflödet", "prismejlet"}},
		},
	},
	{
		id: "foretagskunder", title: "Företagskundernas resa", owner: "Företagsförsäljning",
		summary: "Kontor och förskolor som beställer mat varje vecka: hur de hittar rätt avtal, beställer, kommer igång, administrerar och förlänger.",
		stages: []yearStage{
			{"hitta-ratt", "Hitta rätt erbjudande", "Företagskunder hittar privatsidan först och tror att vi bara säljer till hushåll.", "Den som köper åt ett kontor hittar företagserbjudandet och ett pris per portion på två klick.",
				[]string{"Webbplatsen", "Säljare", "Mässor"}, []string{"företagssidan", "priset per portion", "offertformuläret"}},
			{"bestalla", "Beställa", "Beställningen görs i ett kalkylark som säljaren skickar, och fel i antal upptäcks först vid leveransen.", "Kunden beställer själv i ett formulär som räknar rätt och visar vad som kommer vilken dag.",
				[]string{"Kalkylark", "Mejl", "Beställningsportalen"}, []string{"beställningsportalen", "kalkylarket", "leveransschemat"}},
			{"komma-igang", "Komma igång", "Den första leveransen till ett kontor kräver tre samtal om portkod, lastzon och mottagare.", "Allt vi behöver veta om leveransplatsen frågas en gång, före första leveransen.",
				[]string{"Telefon", "Välkomstmejl", "Chaufför"}, []string{"portkoden", "leveransplatsen", "välkomstmejlet"}},
			{"administrera", "Administrera konton", "Den som administrerar kontot kan inte lägga till kollegor, så allt går via en person.", "Flera på samma arbetsplats kan ändra beställningen, och fakturan går till rätt kostnadsställe.",
				[]string{"Företagsportalen", "Faktura", "Kundansvarig"}, []string{"användarbehörigheterna", "kostnadsstället", "företagsportalen"}},
			{"forlanga", "Förlänga avtalet", "Avtalen löper ut utan att någon hör av sig, och kunden märker det när leveransen uteblir.", "Kunden får veta i god tid att avtalet löper ut och kan förlänga med ett klick.",
				[]string{"Avtal", "Kundansvarig", "Mejl"}, []string{"avtalsförlängningen", "uppsägningstiden", "förlängningsmejlet"}},
		},
	},
	{
		id: "fakturaresan", title: "Fakturan från kundens håll", owner: "Betalningar och kredit",
		summary: "En intervjustudie om fakturan: hur kunder får den, förstår den, betalar den och klagar på den.",
		stages: []yearStage{
			{"fa-fakturan", "Få fakturan", "Fakturan kommer som PDF i ett mejl som många filtrerar bort som reklam.", "Kunden får fakturan där hen betalar sina andra räkningar, som e-faktura eller i appen.",
				[]string{"Mejl", "E-faktura", "Appen"}, []string{"e-fakturan", "fakturamejlet", "autogirot"}},
			{"forsta", "Förstå fakturan", "Fakturan har elva rader, tre belopp och förkortningar som bara vi förstår.", "Kunden ser på fem sekunder vad hen ska betala, när, och vad det gäller.",
				[]string{"Faktura", "Hjälpsidor"}, []string{"fakturaraderna", "förkortningarna", "momsraden"}},
			{"betala", "Betala", "Många betalar fel belopp eftersom delbetalningen och helbeloppet står bredvid varandra.", "Det finns ett belopp att betala, och OCR-numret går att kopiera i mobilen.",
				[]string{"Internetbanken", "Swish", "Autogiro"}, []string{"OCR-numret", "delbetalningen", "Swish-betalningen"}},
			{"reklamera", "Reklamera", "Den som vill klaga på en faktura ringer, väntar och får ett ärendenummer men inget svar.", "Kunden klagar i appen, får svar inom två dagar och ser var ärendet är.",
				[]string{"Telefon", "Kundtjänstformulär", "Appen"}, []string{"reklamationsformuläret", "kreditfakturan", "ärendenumret"}},
		},
	},
}

var yearTeams = []string{
	"Kundservice", "Fakturering", "Digitala kanaler", "Leverans", "Produkt", "Marknad",
	"Säljstöd", "CX-gruppen", "Företagsförsäljning", "Kundupplevelseavdelningen",
	"Logistikplanering", "Betalningar och kredit",
}

var (
	subjects = []string{"De flesta kunder", "Nya kunder", "Kunder som har varit med länge", "Kunder som ringer oss",
		"Äldre kunder", "Kunder som beställer i mobilen", "Barnfamiljer", "Kunder med autogiro", "Företagskunder med flera kontor"}
	claims = []string{"hittar inte %s utan att fråga", "förstår %s utan hjälp", "läser %s noggrant",
		"hellre ringer än läser om %s", "ger upp vid %s", "litar på %s", "märker inte %s förrän det är för sent",
		"tycker att %s är det krångligaste i hela resan", "använder %s på ett annat sätt än vi tänkt"}
	reasons = []string{"eftersom texten är skriven för oss och inte för dem", "så länge det kommer i rätt kanal",
		"när de har bråttom på morgonen", "trots att informationen finns på webbplatsen",
		"eftersom de redan har fått tre meddelanden samma vecka", "om ingen har visat dem hur det går till",
		"därför att ordet vi använder inte är deras ord", "när leveransen krockar med något annat i kalendern"}
	titleForms = []string{"Hittar kunderna %s?", "Förstår kunderna %s?", "Varför ringer kunder om %s?",
		"Läser nya kunder %s?", "Räcker det med att ändra %s för att kunderna ska klara sig själva?",
		"Vad gör kunderna när %s inte fungerar som de väntar sig?", "Spelar %s någon roll för kunderna?"}
	asks = []string{"Visa mig hur du skulle göra om du ville ändra %s i dag.", "Berätta om senaste gången du hade att göra med %s.",
		"Här är ett förslag där %s är ändrat. Vad gör du först?", "Vad hade du behövt veta om %s innan du började?"}
	criteria = []string{"Vi har rätt om minst hälften klarar det utan hjälp.", "Vi har rätt om fyra av sex nämner det utan att vi frågar.",
		"Vi har rätt om ingen hittar det på under en minut.", ""}
	doForms = []string{"Vi skriver om %s tillsammans med två kunder och mäter samtalen i fyra veckor.",
		"Vi flyttar %s till startsidan i appen och följer upp efter en månad.",
		"Vi tar bort %s helt och ser om någon saknar det.",
		"Vi utbildar kundtjänstmedarbetarna i hur kunderna faktiskt pratar om %s, med leveransdagsomläggningsförfrågningar som första exempel.",
		"Vi lägger till en rad om %s i välkomstmejlet."}
	lessonForms = []string{"%d av %d kunder %s; de letade först i menyn.", "%d av %d kunder %s, men ingen kunde säga var de läst det.",
		"Bara %d av %d kunder %s. De andra gissade, och gissade oftast fel.", "%d av %d kunder %s, vilket var fler än vi trodde."}
	lessonTails = []string{"", " Det som störde mest var att kylskåpet redan var fullt när kassen kom.",
		" Flera använde ordet *kasse* där vi skriver *leverans*.", " Skillnaden mellan nya och gamla kunder var mindre än vi trott.",
		" Den som fastnade gjorde det på *inloggningen*, inte på det vi testade."}
	owners   = []string{"teamledare", "produktägare", "kommunikatör", "utvecklare", "handläggare", "säljare", ""}
	helpers  = []string{"två handläggare", "en utvecklare", "kommunikatör", "en från Leverans", "produktägare", "en säljare"}
	sentence = []string{
		"Kunden öppnade appen, tittade i menyn och gav upp efter en halv minut.",
		"Vi såg att flera läste knapptexten högt innan de tryckte.",
		"En kund sa att hon alltid ringer, eftersom det går fortare än att leta.",
		"Två av dem hittade rätt via sökningen, men bara efter att ha skrivit fel ord först.",
		"Det som överraskade oss var hur lite kunderna brydde sig om priset just där.",
		"Ingen av dem hade öppnat mejlet, men alla kom ihåg SMS:et.",
		"Flera berättade att kylskåpet var fullt när kassen kom, så de ställde påsarna på balkongen.",
		"Vi hade förberett fem frågor men hann bara med tre, eftersom kunderna hade mycket att säga.",
		"Den äldsta kunden bad oss skriva ut instruktionen, vilket vi inte hade tänkt på.",
		"Det fanns en tydlig skillnad mellan dem som beställt en gång och dem som varit med i ett år.",
		"I butiken var det svårt att höra, så vi flyttade samtalen till fikarummet.",
		"Företagskunderna pratade mer om fakturan än om maten.",
		"Vi antecknade på gula lappar och sorterade dem på tavlan efteråt.",
		"Någon påpekade att vår egen personal inte heller visste svaret.",
		"När vi frågade varför, blev svaret nästan alltid att de inte ville göra fel.",
		"Det tog i snitt fyrtio sekunder att hitta rätt, men spridningen var stor.",
		"Vi borde ha frågat om autogirot också; det kom upp i nästan varje samtal.",
		"Ordet leveransdagsomläggning fick flera att skratta: ingen säger så.",
	}
	headings = []string{"Upplägget", "Vad kunderna gjorde", "Vad vi såg", "Citat", "Siffror", "Jämfört med förra gången",
		"Det vi inte hann", "Tankar inför nästa gång", "Vad teamet sa efteråt", "Öppna frågor"}
	quotes = []string{"Jag trodde att det stod under *Mitt konto*, men där fanns bara kvitton.", "Här hade jag ringt.",
		"Vet ni vad, jag har aldrig läst det där brevet.", "Det är inte svårt, men det är irriterande.",
		"Om det hade stått kasse i stället för leverans hade jag hittat direkt."}
)
