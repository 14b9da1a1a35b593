/**
 * The most common leaked passwords of 8+ characters (shorter ones are refused
 * by length already), compared case-insensitively at signup.
 */
const list = `
password 12345678 123456789 1234567890 12345678910 qwertyuiop password1 password12 password123
iloveyou 11111111 00000000 88888888 99999999 12341234 87654321 11223344 12121212 123123123
sunshine princess football baseball basketball superman batman123 starwars welcome1 welcome123
abc12345 abcd1234 qwerty12 qwerty123 qwerty1234 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1qaz2wsx
zaq12wsx zaq1zaq1 qazwsxedc qwertyui asdfghjkl asdfasdf zxcvbnm1 zxcvbnm123 letmein1 letmein123
trustno1 michelle jennifer jessica1 computer corvette mercedes whatever internet samantha
midnight freedom1 passw0rd p@ssw0rd p@ssword pa55word pa$$word password! password01 Password1
changeme changeme1 iloveyou1 iloveyou2 loveyou1 lovely123 monkey123 dragon123 master123
football1 baseball1 charlie1 jordan23 michael1 jonathan shadow123 sunshine1 princess1
liverpool chelsea1 arsenal1 barcelona manchester spiderman ironman1 pokemon1 pokemon123
minecraft fortnite roblox123 123qweasd qweasdzxc q1w2e3r4 q1w2e3r4t5 a1b2c3d4 aa123456
aaaaaaaa 1234qwer qwer1234 asdf1234 zxcv1234 1111111111 0123456789 9876543210 123654789
147258369 159753456 741852963 789456123 123456789a 123456789q a123456789 1234567a
secret123 welcome! admin123 administrator adminadmin root1234 test1234 testtest guest123
default1 user1234 login123 hello123 hello1234 helloworld goodluck blink182 mustang1
access14 firebird iceman11 thunder1 hunter12 hunter123 killer12 soccer12 hockey12
tigger12 buster12 ginger12 summer12 summer2020 summer2023 summer2024 winter2023 spring2024
autumn2023 password2020 password2021 password2022 password2023 password2024 password2025
welcome2023 welcome2024 january1 february october1 november december 01012000 01011990
qwertyqwerty 1qazxsw2 2wsx3edc !qaz2wsx 1q2w3e4r! qwerty!@# !@#$%^&* 1234abcd abcdefgh
abcdefg1 abcdef12 alexander benjamin elizabeth victoria nicholas patricia christian
danielle jasmine1 anthony1 matthew1 william1 superstar rockstar sparky12 cookie12 chocolate
butterfly flower12 pepper12 orange12 purple12 yellow12 banana12 apple123 cheese12
sandiego1 newyork1 california canada123 america1 england1 scotland australia
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(list.split(/\s+/).filter((p) => p.length > 0).map((p) => p.toLowerCase()));
