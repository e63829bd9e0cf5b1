/**
 * Word lists for telling a person's name from a route word in a recorded path
 * (see `redactPath` in location.ts). All entries are lower case without
 * accents, as `fold()` leaves a word.
 *
 * - NAME_WORDS: common Brazilian (and some English) given names and surnames.
 *   One hit marks a segment as a name. A word that is also in ROUTE_WORDS
 *   (sales, campos, dias) counts as a route word; names that are ordinary
 *   English route words (mark, bill, page, grant, chase...) are left out: a
 *   real name with them still falls to the other rules.
 * - ROUTE_WORDS: words CRM, helpdesk and chat routes are made of (Salesforce,
 *   Zendesk, HubSpot, Freshdesk, in-house pt-BR systems). A multi-word segment
 *   made only of these stays readable.
 * - PARTICLES: name connectors (da, de, dos...) and single letters: they
 *   neither make nor break a name.
 * - SEARCH_WORDS: a segment after one of these is the search term itself.
 * - PHRASE_WORDS: English function words; a slug with one is a phrase (a
 *   help-center article title), not a name.
 */

export const NAME_WORDS: ReadonlySet<string> = new Set(
  `
  maria ana joao jose antonio francisco carlos paulo pedro lucas luiz luis marcos gabriel rafael daniel
  marcelo bruno eduardo felipe fernando rodrigo gustavo andre fabio leonardo ricardo mateus matheus thiago
  tiago vinicius diego guilherme henrique leandro alexandre sergio roberto manoel manuel raimundo sebastiao
  adriana juliana marcia fernanda patricia aline sandra camila amanda bruna jessica leticia julia luciana
  vanessa mariana gabriela vera beatriz larissa debora claudia francisca antonia adriano rosangela
  simone renata cristina eliane tatiane priscila carla raquel sueli isabela isabel helena alice laura
  valentina sophia sofia heloisa manuela luiza lorena livia cecilia yasmin giovanna beatriz clara
  enzo miguel arthur heitor bernardo davi samuel benicio joaquim otavio caio vitor victor igor murilo
  renato rogerio wagner wellington wesley willian william anderson alessandro cleber edson everton
  jorge julio cesar marcio mauricio nelson osvaldo reinaldo silvio valter walter ze zeca
  conceicao aparecida socorro fatima graca lourdes penha rosario gloria
  silva santos oliveira souza sousa rodrigues ferreira alves pereira lima gomes costa ribeiro martins
  carvalho almeida lopes soares fernandes vieira barbosa rocha dias nascimento andrade moreira nunes
  marques machado mendes freitas cardoso ramos goncalves santana teixeira araujo pinto correia cavalcanti
  monteiro moura campos batista castro prado peixoto siqueira medeiros xavier bezerra farias cunha
  miranda reis tavares moraes morais pires brandao fonseca macedo sales salles amaral coelho queiroz
  azevedo nogueira duarte figueiredo guimaraes bastos aguiar cruz rezende resende viana vasconcelos
  smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez
  wilson anderson thomas taylor moore jackson martin lee thompson white harris clark lewis robinson
  walker allen wright scott torres nguyen adams nelson gonzales
  john james robert michael david richard joseph charles christopher matthew anthony donald steven
  paul andrew joshua kenneth kevin brian george timothy ronald jason jeffrey ryan jacob gary nicholas
  eric jonathan stephen larry justin brandon benjamin gregory samuel patrick alexander jack dennis
  jerry tyler aaron henry douglas peter adam nathan zachary walter kyle harold carl jeremy keith roger
  mary jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra
  ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca laura sharon
  cynthia kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine
  rachel carolyn janet catherine maria heather diane julie joyce victoria kelly christina lauren joan
  evelyn olivia judith megan cheryl martha andrea frances hannah jacqueline ann gloria jean kathryn
  alice teresa sara janice doris madison julia grace judy abigail marie denise beverly amber danielle
  marilyn diana natalie sophia alexis brittany charlotte kayla
`
    .split(/\s+/)
    .filter(Boolean),
);

export const ROUTE_WORDS: ReadonlySet<string> = new Set(
  `
  about access account accounts action actions activity activities add admin agent agents alert alerts
  all analytics api app apps approval approvals archive archived article articles assign assigned
  attachment attachments audit auth automation automations backup billing board boards bot bots browse
  bulk calendar call calls campaign campaigns case cases catalog category categories change changes
  channel channels chat chats checkout client clients close closed comment comments company companies
  compose config configuration configurations configure contact contacts content conversation
  conversations create crm custom customer customers dashboard dashboards data deal deals default
  delete desk detail details device devices dial dialer directory document documents download draft
  drafts edit editor email emails entity entities event events explorer export external faq favorites
  feed feedback field fields file files filter filters folder folders followup form forms forum general
  group groups help helpdesk history home hub import inbox incident incidents index info insight
  insights integration integrations internal invoice invoices issue issues item items job jobs
  knowledge kb label labels language layout lead leads list lists live log login logout logs macro
  macros mail manage management member members merge message messages metrics mine mobile monitor my
  new news note notes notification notifications object objects observer offer offers open
  opportunities opportunity order orders org organization organizations overview owner page pages
  panel part payment payments pending people person phone pipeline pipelines plan plans portal
  preferences preview print priority problem problems product products profile profiles project
  projects property properties public queue queues quote quotes read recent record records recycle
  related release report reports request requests requester reset resolved response responses
  review reviews role roles rule rules sale sales schedule scheduled service services session
  sessions setting settings setup share shared show sign signin signup site skill skills snooze
  social solution solutions solved source spam status statuses subscription subscriptions summary
  support survey surveys system tab table tabs tag tags task tasks team teams template templates
  thread threads ticket tickets timeline today tool tools topic topics transfer transfers trash
  type types unassigned update updates upload user users view views visit visitor voice wallet
  web widget widgets work workflow workflows workspace workspaces
  lightning classic console setup sobject lead quick action flow flows apex visualforce
  contatos contato cliente clientes ficha fichas atendimento atendimentos chamado chamados protocolo
  protocolos pedido pedidos conta contas cadastro cadastros consulta consultas historico detalhes
  detalhe editar novo nova lista listas painel inicio relatorio relatorios configuracoes configuracao
  perfil perfis usuario usuarios equipe equipes fila filas mensagem mensagens conversa conversas
  atendente atendentes suporte venda vendas cobranca cobrancas fatura faturas pagamento pagamentos
  financeiro produto produtos servico servicos contrato contratos oportunidade oportunidades negocio
  negocios empresa empresas pessoa pessoas fisica juridica endereco enderecos documento documentos
  anexo anexos nota notas tarefa tarefas agenda ocorrencia ocorrencias solicitacao solicitacoes
  reclamacao reclamacoes cancelamento cancelamentos troca trocas devolucao devolucoes entrega entregas
  visao geral meus minhas meu minha todos todas abertos abertas fechados fechadas pendentes resolvidos
  ajuda base conhecimento artigo artigos sair entrar admin gestao gerenciar visualizar ver imprimir
  dados pessoais cartao cartoes credito debito saldo extrato limite segunda via boleto boletos
  campos campo dias dia semana mes ano hoje ontem proximos personalizados personalizado
  operacao operacoes notificacoes permissoes integracoes avaliacoes informacoes transacoes ligacao ligacoes
  html htm php asp aspx jsp json xml do cfm frame iframe embed content index main
`
    .split(/\s+/)
    .filter(Boolean),
);

export const PARTICLES: ReadonlySet<string> = new Set(
  'da de do das dos du di del della van von der den la le y e'.split(' '),
);

export const SEARCH_WORDS: ReadonlySet<string> = new Set(
  'busca buscar pesquisa pesquisar procura procurar search searches find lookup q query'.split(' '),
);

export const PHRASE_WORDS: ReadonlySet<string> = new Set(
  'the to how a an of for with and in on your my is are can why what when where not from by at or you we'.split(
    ' ',
  ),
);
