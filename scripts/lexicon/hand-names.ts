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
