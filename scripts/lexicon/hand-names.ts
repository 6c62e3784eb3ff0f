/**
 * Names of origins that the registry packages do not cover in Latin script, written as German offices
 * write them: Arabic (Syria, Iraq, Maghreb), Persian and Dari (Iran, Afghanistan), Pashto, Kurdish,
 * Tigrinya and Amharic (Eritrea, Ethiopia), Somali, Albanian. Compiled by the project from common
 * knowledge of these naming traditions; the transliteration variants are the ones seen on German
 * documents (Mohammed/Mohamed/Muhammad, Hussein/Husain). Licence: as the project.
 */
export const HAND_GIVEN = `
Abbas Abdallah Abdalla Abdel Abdelaziz Abdelkader Abdelrahman Abdi Abdirahman Abdiaziz Abdikarim Abdinasir Abdul Abdulaziz
Abdulkadir Abdullah Abdullahi Abdulrahman Abdurrahman Abeba Abraham Abrehet Adam Adan Adel Adnan Afewerki Afsaneh Afshin Ahmad
Ahmed Ahmet Aisha Aischa Aiša Alaa Ali Alia Almaz Amani Amina Amine Amir Ammar Amna Anas Arash Aref Asad Asmara Asma Aster Atefeh Ayaan Ayan Ayesha
Aziz Azadeh Bahar Bahram Bashir Batool Behrouz Belal Bilal Bisrat Burhan Dawit Daud Dawood Dilan Ebrahim Efrem Eldana Elham Elias Eyob Ezana
Fadi Fahad Faisal Farah Farhad Farid Farida Faris Fariba Farzaneh Fatemeh Fatima Fatma Fawad Feruz Filmon Firas Fitsum Freweyni Fuad Gebre
Ghada Ghazal Ghulam Habib Hadi Hafsa Haile Hakim Halima Hamid Hamida Hamza Hana Hanan Haroon Hasan Hassan Hawa Hayat Haydar Hiba Hiwet Hoda
 Hossein Huda Husam Hussein Hussain Ibrahim Idris Ilham Iman Iqbal Isaias Ismail Jamal Jamila Javad Jawad Kamal Karim Kebede Khadija
Khaled Khalid Khalil Leila Layla Lina Mahdi Mahmoud Mahmud Malalai Malik Mariam Maryam Masoud Medhanie Mehdi Merhawi Mesfin Mewael Milad Mina
Mohamed Mohammad Mohammed Mohamud Mohsen Mona Mostafa Muhammad Muhammed Mulugeta Munira Murad Mustafa Nabil Nadia Nadir Nadja Nasrin Nasser
Nawal Nima Nour Nur Omar Omid Osman Parisa Parwin Qasim Rahel Rahim Rami Rana Rania Rashid Reza Rezaei Rim Saba Sabah Sadia Saeed Said
Saleh Salem Salim Sami Samira Samir Sara Sarah Selam Semere Senait Shabnam Shirin Siham Simret Soraya Suleiman Sultan Tahir Tarek Tariq
Tekle Tesfaye Tsega Tsegay Tsehaye Walid Waris Yahya Yasin Yasmin Yassin Yohannes Yonas Yosef Youssef Yusuf Zahra Zainab Zeinab
Zakaria Zemichael Zerihun Ziad Zubair Zahir Shukria Wahid Sayed Najib Naveed Nargis Mursal Marwa Mahsa Hamidullah Hekmat Gulalai
Fereshta Ehsan Ehsanullah Baran Rojin Roza Rêber Dilshad Dildar Azad Berivan Jiyan Shirwan Hevi Zozan Dersim Mirza Kawa Hawar
Arben Arjeta Besnik Blerim Bujar Drita Driton Egzon Fatmir Flutura Gentiana Ilir Lindita Valon Vjosa Xhevdet Zana
`;

export const HAND_SURNAMES = `
Abdi Abdullahi Abraha Adan Afewerki Ahmadi Akbari Alizadeh Amiri Asefaw Ayele Azimi Barakzai Bekele Berhane Dahir Durrani Egal
Farah Ghebremariam Gebremedhin Gebreyesus Ghebreyesus Habte Haidari Haile Hashemi Hassan Hosseini Jama Jamali Kebede Khan
Habibi Haddad Hamdan Hamadi Hussaini Jafari Kakar Karimi Kazemi Khalili Kidane Mahamud Mehari Mengistu Mirzaei Mohammadi Mousavi Musa
Nazari Noori Nouri Omar Osman Popal Qaderi Rahimi Rahmani Rezaei Sadeghi Safi Samadi Shah Sharifi Tadesse Tekeste Teklehaimanot Tesfamariam
Tesfay Weldemariam Woldemichael Yusuf Zadran Zaheer Zarif Zazai Yousefi Sultani Stanekzai Shinwari Mohamud Mohamoud Hersi Guled
Kahin Nur Samatar Duale Elmi Ibrahimi Ismaili Kamali Mansour Masri Nasser Qureshi Sabbagh Salehi Shami Tahir Yasin Zaidi Abboud Aziz
Haddadin Hijazi Kassem Nassar Saleh Suleiman Hoxha Krasniqi Gashi Berisha Morina Shala Bytyqi Kelmendi Rexhepi Hasani Dervishi
`;

/**
 * Given names of adults born 1940–1995 in Germany, and adult names of the larger origins, which the
 * fake-data locales (built from recent baby names) lack. Written for this project from common knowledge.
 */
export const HAND_GIVEN_ADULTS = `
Uwe Hartmut Jürgen Dieter Manfred Wolfgang Klaus Günter Günther Horst Helmut Gerhard Werner Karl-Heinz Heinz Hans-Jürgen
Hans-Peter Bernd Rainer Reinhard Detlef Detlev Norbert Siegfried Gerd Gert Volker Winfried Rüdiger Eckhard Lothar Rolf
Ralf Ralph Frank Thomas Michael Andreas Stefan Stephan Matthias Torsten Thorsten Dirk Holger Jörg Jens Kai Sven Olaf
Carsten Karsten Heiko Ingo Mario Marco Björn Axel Guido Götz Harald Hubert Herbert Erwin Egon Kurt Fritz Ernst Otto
Ursula Renate Monika Brigitte Gisela Ingrid Helga Hannelore Karin Christa Erika Elke Gudrun Waltraud Rosemarie Marianne
Sabine Petra Andrea Birgit Heike Kerstin Susanne Claudia Martina Gabriele Gabi Angelika Cornelia Silke Anke Katrin
Kathrin Manuela Nicole Sandra Stefanie Tanja Nadine Daniela Simone Melanie Bianca Diana Doreen Mandy Peggy Ramona
Yvonne Jacqueline Janine Jeanette Ilona Iris Doris Edith Elfriede Hildegard Irmgard Margot Rita Sieglinde Ute Heidi
Mehmet Mustafa Ahmet Hüseyin Hasan Hassan İbrahim Ismail Osman Yusuf Murat Ömer Ali Veli Halil Recep Ramazan Orhan Kemal
Erdoğan Cengiz Hakan Serkan Volkan Tolga Emre Burak Onur Uğur Ayhan Kadir Metin Erol Nihat Selim Sinan Levent Tuncay
Ayşe Fatma Emine Hatice Zeynep Elif Özlem Nurcan Hülya Sevgi Sibel Gül Gülşen Songül Derya Dilek Esra Ebru Büşra
Merve Tuba Seda Serpil Yasemin Filiz Meltem Aysel Aynur Nesrin Sevim Şükran Nermin Canan Gönül Cemile Melek Hacer
Piotr Paweł Krzysztof Tomasz Andrzej Marek Grzegorz Wojciech Jacek Dariusz Mariusz Zbigniew Jerzy Janusz Sławomir Tadeusz
Agnieszka Małgorzata Joanna Katarzyna Ewa Beata Dorota Jolanta Grażyna Bożena Halina Krystyna Danuta Renata Iwona
Wladimir Waldemar Sergej Sergei Alexej Alexei Dmitri Dimitri Jewgenij Jewgeni Jurij Juri Oleg Igor Andrej Nikolai Viktor
Wiktor Wassili Anatoli Walentin Gennadi Konstantin Wadim Stanislaw Leonid Boris Pawel Grigori Olexandr Oleksij Mykola
Wolodymyr Bohdan Taras Serhij Ihor Petro Vasyl Wasyl Natalja Natalia Tatjana Swetlana Svetlana Olga Jelena Irina Galina
Ljudmila Ljubow Walentina Nadeschda Marina Oksana Aljona Alena Ljuba Raissa Tamara Larissa Ludmila Halyna Olena Iryna Tetjana
Ion Gheorghe Vasile Constantin Nicolae Mihai Dumitru Ștefan Florin Marian Cristian Adrian Ionel Costel Viorel Daniel
Maria Elena Ioana Mihaela Gabriela Florentina Georgeta Viorica Rodica Lăcrămioara Nicoleta Cristina Daniela Luminița
Dragan Zoran Goran Milan Nenad Dejan Predrag Slobodan Miroslav Branko Stevan Mirko Emir Edin Senad Mirsad Adnan Nermin
Jasmina Vesna Snežana Dragana Biljana Gordana Mirjana Ljiljana Azra Amra Lejla Selma Emira Fikreta Mersiha Sanela
Mohammed Muhammad Mohamad Ahmad Abdullah Abdulrahman Omar Khaled Walid Tarek Yousef Hussein Ibrahim Mahmoud Samer Bassam
Fadi Rami Nizar Ziad Maher Ayman Mazen Hani Wael Imad Jihad Louay Anas Mohannad Qusay Nour Rasha Reem Dima Hala Lama
Manal Rana Rania Salma Samar Suha Widad Yara Zeina Amal Bushra Ghada Hiba Lina Maha Nada Rawan Ruba Sawsan Shahd
Mohammad Reza Ali-Reza Hossein Mehdi Hamid Saeed Majid Javad Amir Behnam Farshid Kourosh Dariush Navid Pouya Sina
Zahra Fatemeh Maryam Mahsa Nasrin Parvaneh Roya Sepideh Shirin Soheila Tahereh Ziba Leila Mina Nazanin Shiva Yasaman
Abdul Ahmadullah Sayed Sayyid Gul Rahmatullah Hayatullah Noorullah Khalid Wahidullah Zabihullah Shabana Fariba Malalai
Yohannes Tesfay Tesfu Mehari Yonas Dawit Samuel Senai Kidane Habtemariam Berhane Mulugeta Abraham Selam Saba Helen
Mohamud Abdirizak Abdiwali Abdikadir Ayan Fadumo Hawo Ifrah Sahra Deeqa Hamdi Ubah Ahmed Hamza Said Yasin Bilal
`;

/**
 * More given names of German adults (born roughly 1930–1990, East and West, and regional forms) that the
 * lists above and the packages lack: a sample of 219 common ones from memory missed 47 ("Ulrike", "Jutta",
 * "Antje", "Jochen", "Bodo", "Hedwig"), and a given name no list knows makes its surname neighbour a word
 * ("Jutta Koch"). Written for this project from common knowledge (session 12, issue #13).
 */
export const HAND_GIVEN_DE_MORE = `
Bärbel Edeltraud Edeltraut Ulrike Annegret Anneliese Annelie Annelore Heidemarie Hiltrud Jutta Karola Carola Lieselotte
Liselotte Roswitha Traudel Traute Antje Dörte Dörthe Frauke Gesine Grit Uta Hannelies Rosi Waltraut Burkhard Burghard
Eberhard Friedhelm Helmuth Ottmar Otmar Gernot Hajo Jochen Kuno Ludger Meinolf Ortwin Ulli Wendelin Arnd Arndt Bodo
Ekkehard Folker Hasso Helge Gundula Hedwig Käthe Mechthild Mechtild Adelheid Almut Almuth Anita Annemarie Annerose
Annette Barbara Beate Berit Bettina Brunhilde Christel Christine Dagmar Dorit Dorothee Edda Editha Eleonore Elfi
Elisabeth Elli Elly Elsbeth Else Emmi Erna Evelin Evelyn Friedel Gerlinde Gertraud Gertrude Gesa Gitta Gudula Hanna
Hannchen Hedda Heidelinde Helgard Hella Henny Herta Hertha Hilde Hildegund Hilke Ilse Imke Inga Ingeburg Irma Isolde
Jutte Karen Katharina Kirsten Klara Lilo Lisbeth Lotte Luise Magdalena Margarete Margarethe Margit Margret Marlene
Marlis Marliese Mathilde Meike Monique Nele Oda Ortrud Ottilie Petronella Regine Reinhild Rosel Rosmarie Rotraud
Rotraut Senta Siegrid Sigrun Silvia Sonja Swantje Thea Theresia Trude Ulla Ursel Waltrud Wiltrud Anja Anke Astrid
Dörthe Elvira Gunda Gunhild Helene Ina Ines Jana Katja Kristin Liane Nancy Romy Steffi Ulrika Wenke Yvette Cindy
Adalbert Albrecht Alfons Alfred Alwin Anton Armin Arno Arnold August Balthasar Benno Bernhard Berthold Bertram Bruno
Burkhardt Claus Clemens Detlef Dietmar Dietrich Eckart Eckehard Edgar Edmund Eduard Egbert Ehrenfried Elmar Emil Engelbert
Erhard Ernst-August Eugen Ferdinand Florian Franz Friedemann Friedrich Gebhard Georg Gerold Gottfried Gottlieb Gregor
Gunter Gustav Hannes Hansjörg Hansjürgen Hanspeter Hartwig Heiner Heino Helfried Henner Hennig Heribert Hilmar Ignaz
Immanuel Ingolf Jan-Peter Johann Jupp Karl Karlheinz Kaspar Klaus Knud Konrad Leberecht Leonhard Lutz Magnus Mathias
Meinhard Michl Nikolaus Norman Olf Oswald Otfried Ottfried Ottokar Paulus Poldi Reimund Reiner Rembert Roland Rudi
Rudolf Sepp Sieghard Siegmar Sigmund Theo Theodor Tilo Till Traugott Uli Ulrich Valentin Veit Wendel Wenzel Wigbert
Wilfried Willi Willy Winfried Wolf-Dieter Wolfram Xaver Jens-Uwe Hans-Dieter Hans-Georg Hans-Joachim Karl-Ernst
Klaus-Peter Peter-Michael
`;

/**
 * Frequent German surnames (roughly the 400 most frequent, as directories and name statistics rank
 * them; in session 12 also about 50 less frequent ones that are animals, trades, adjectives or things —
 * "Hase", "Kellner", "Fröhlich", "Kohl" — the lists knew only as words), which the fake-data locales cover
 * only in part: "Jäger", "Schubert", "Bergmann", "Böhme",
 * "Gärtner" were missing. Written for this project from common knowledge (issue #13: German names were the
 * weakest origin on text nobody here wrote). Many are also words ("Gärtner", "Vetter", "Freitag"): the
 * lists make them ambiguous, names beside a name, after a cue or where grammar says person.
 */
export const HAND_SURNAMES_DE = `
Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter Klein
Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner Schmitz Krause
Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang Scholz
Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck Lorenz Baumann
Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher Krämer Vogt Stein Jäger Otto Sommer
Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler Kuhn Kühn Pohl Engel Horn Busch
Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer Ernst Beyer Böhme Bender Bock Brinkmann Dietz Dittrich Frey
Fiedler Förster Gärtner Götz Hein Heinz Hesse Hoppe Jakob Jansen Kaufmann Kirchner Koller Kramer Lindner Maurer
Marx Meißner Menzel Michel Moser Nagel Noack Oswald Paul Pietsch Reuter Ritter Schade Schütz Thiel Ulrich Vetter
Voß Walther Wenzel Wendt Wiese Wilhelm Witt Wolter Zander Zimmer Haase Hübner Jahn Kessler Keßler Kern Kunz
Lindemann Lutz Mann Martens Mertens Nowak Ott Peter Petersen Popp Radtke Rau Reimann Riedel Rudolph Sander
Seifert Siebert Stahl Thiele Wirth Krieger Keil Bode Böttcher Dörr Engelhardt Fink Franz Frisch Fritz Geiger
Hermann Hildebrandt Kluge Mohr Reinhardt Ries Schilling Schröter Stark Steiner Strauß Ullrich Weiss Kraft
Hartung Schlegel Breuer Brückner Adam Schenk Schwab Unger Jost Schramm Heller Vogl Henning Lenz Freitag Barth
Baier Pfeifer Fritsch Brenner Auer Fleischer Sommerfeld Baumgartner Thomsen Gerlach Kolb Ebert Hoffmeister
Sievers Haupt Hauser Kuhlmann Wittmann Lorenzen Scherer Kretschmer Stephan Arndt Wegner Petzold Heinemann
Ahrens Bachmann Behrens Benz Bischoff Blum Brandl Brauer Buchholz Burkhardt Conrad Decker Dreyer Eckert Erdmann
Fuhrmann Funk Gabriel Geisler Göbel Gottschalk Gruber Günter Hahn Hammer Harms Hartwig Heck Heine Herzog Hinz
Hirsch Hofer Hofmeister Holz Hoffmeyer Hummel Jacob Jacobs Janssen Jürgens Kaiser Karl Kasper Kiefer
Klose Knapp Knoll Koch Kopp Korn Kranz Krebs Kroll Kühne Kurz Lachmann Langer Lehner Link Lohmann Ludwig Lück
Mai Marquardt Matthes Mayr Melzer Metzger Miller Moritz Naumann Neubauer Neuhaus Nolte Pape Pfeffer Pfister
Philipp Raab Rademacher Reich Reichert Reinhold Renner Reuß Richert Rieger Ritter Rohde Rose Roth Rupp Sachs
Schäffer Scharf Schaller Schiller Schindler Schlüter Schmitz Schnell Scholl Schott Schreiner Schröer Schütte
Schütze Schwarz Schweizer Seeger Seiler Sommer Specht Spies Stark Steffen Steinbach Steinke Stoll Stolz Strobel
Sturm Thieme Timm Trautmann Ulbrich Veit Vogler Wagener Walz Weidner Weigel Weis Weise Weiß Weller
Wendel Westphal Wiegand Wild Wilke Winkelmann Winkler Wolters Wunderlich Wurm Zeller Ziegler Zimmer Zink
Hase Adler Falke Kranich Taube Storch Rabe Spatz Sperling Schwan Gans Geier Reiher Marder Eule Amsel Lerche Drossel
Dachs Biber Lamm Karpf Barsch Schlosser Kellner Glaser Fröhlich Freundlich Ehrlich Fromm
Baum Kohl Licht Frost Hagel Herbst Kessel Kolbe Kamm Thal Bach Löffler Mahler Wirtz Brück
`;
